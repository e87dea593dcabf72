package io.claimshub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a committed write survive a power cut or an OS crash, not only the hub's process dying. H2
 * hands a commit to the operating system but never calls fsync for it (only {@code CHECKPOINT SYNC}
 * does), so on H2 file databases every commit that wrote something is followed by that command; the
 * MLLP listener's {@code AA} and the batch and delivery states then mean "on the disk". PostgreSQL
 * syncs its own commits, and an in-memory H2 database has no disk to sync.
 *
 * <p>Writes are noticed per thread ({@link #wrote}), so a transaction that only read costs nothing.
 */
final class DiskSync {

    private static final ThreadLocal<boolean[]> WROTE = ThreadLocal.withInitial(() -> new boolean[1]);
    private static volatile boolean enabled = true;

    private volatile Boolean needed;

    /** Off: commits reach the operating system only (they survive the hub dying, not a power cut). */
    static void enable(boolean on) {
        enabled = on;
    }

    /** Called by every statement that changes data. */
    static void wrote() {
        WROTE.get()[0] = true;
    }

    /** Starts a transaction with nothing written yet on this thread. */
    static void forget() {
        WROTE.get()[0] = false;
    }

    /** Syncs the database file if this thread wrote since the last call; call right after a commit. */
    void afterCommit(Connection connection) throws SQLException {
        boolean[] wrote = WROTE.get();
        if (!wrote[0] || !enabled) {
            return;
        }
        wrote[0] = false;
        if (needed(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    private boolean needed(Connection connection) throws SQLException {
        if (needed == null) {
            String url = connection.getMetaData().getURL();
            needed = url.startsWith("jdbc:h2:") && !url.contains(":mem:");
        }
        return needed;
    }
}
