package io.claimshub.ledger;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.util.Set;

/**
 * Drops a pooled connection as soon as it reports that its database is closed or its file failed. H2
 * closes an embedded database after a fatal write error (a full disk): every pooled connection then
 * answers "database is closed", and the pool keeps handing them out (it only checks a connection idle
 * for more than half a second, which a busy hub never has), so the ledger stayed closed until a restart.
 * A new connection opens the database again once it can.
 */
public final class ClosedDatabaseEviction implements SQLExceptionOverride {

    /**
     * H2's error codes (org.h2.api.ErrorCode) after which the connection is no good: DATABASE_IS_CLOSED,
     * DATABASE_CALLED_AT_SHUTDOWN, NO_DISK_SPACE_AVAILABLE, IO_EXCEPTION_1/2, FILE_CORRUPTED_1,
     * CONNECTION_BROKEN_1.
     */
    private static final Set<Integer> DEAD = Set.of(90098, 90121, 90100, 90028, 90031, 90030, 90067);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEAD.contains(sql.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
