package io.claimshub.ledger;

import java.sql.SQLException;

/**
 * The ledger could not be read or written. Only the SQL state and error class are kept in the
 * message: database messages can quote the values of a failed statement (patient data).
 */
public class LedgerException extends RuntimeException {

    public LedgerException(SQLException cause) {
        super("ledger database error (SQL state " + cause.getSQLState() + ", " + cause.getClass().getSimpleName() + ")", cause);
    }

    public LedgerException(String message) {
        super(message);
    }
}
