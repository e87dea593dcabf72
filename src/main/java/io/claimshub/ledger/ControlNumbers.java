package io.claimshub.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Each payer's interchange control counter: a batch takes one number per transaction set, inside the
 * transaction that makes the batch, so a number is never used twice, across hubs too.
 */
final class ControlNumbers {

    /** Interchange control numbers have 9 digits; after the last one the counter starts again at 1. */
    private static final long MAX_CONTROL_NUMBER = 999_999_999L;

    private ControlNumbers() {
    }

    /** Takes {@code count} consecutive numbers from the payer's counter; returns the first. */
    static long next(Connection connection, String payerId, int count) throws SQLException {
        long first = wrap(lockCounter(connection, payerId) + 1);
        Jdbc.update(connection, "UPDATE control_counter SET last_value = ? WHERE payer_id = ?", wrap(first + count - 1),
                payerId);
        return first;
    }

    /**
     * Raises the payer's counter to {@code highestUsed} if it is lower, so the next batch never reuses an
     * interchange control number found in a file already written (a ledger restored from an older backup,
     * or begun anew with {@code --new-ledger}).
     *
     * @return true when the counter was raised
     */
    static boolean keepAbove(Connection connection, String payerId, long highestUsed) throws SQLException {
        if (lockCounter(connection, payerId) < highestUsed) {
            Jdbc.update(connection, "UPDATE control_counter SET last_value = ? WHERE payer_id = ?", highestUsed, payerId);
            return true;
        }
        return false;
    }

    /** The number {@code number} is after the counter started again at 1. */
    static long wrap(long number) {
        return number > MAX_CONTROL_NUMBER ? number - MAX_CONTROL_NUMBER : number;
    }

    /**
     * The payer's last used control number, its counter row locked until the transaction ends. The row
     * lock serialises hubs only once the row exists: the first batches of a new payer on two hubs at once
     * would both insert it. So the row is created first, on its own, and a hub that lost that race just
     * uses the row the other created.
     */
    private static long lockCounter(Connection connection, String payerId) throws SQLException {
        if (Jdbc.query(connection, "SELECT payer_id FROM control_counter WHERE payer_id = ?", row -> row.getString(1),
                payerId).isEmpty()) {
            java.sql.Savepoint beforeInsert = connection.setSavepoint();
            try {
                Jdbc.update(connection, "INSERT INTO control_counter (payer_id, last_value) VALUES (?, 0)", payerId);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeInsert);
            }
        }
        return Jdbc.query(connection, "SELECT last_value FROM control_counter WHERE payer_id = ? FOR UPDATE",
                row -> row.getLong(1), payerId).get(0);
    }
}
