package io.claimshub.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Work that has no ledger row of its own, claimed by one hub at a time: a clinic inbox file, a clinic
 * notice. The claim is a {@code work_claim} row naming the owner {@link HubNodes node}; another node takes
 * it over only once that node's lease has run out, and the owner marks it done only while it still holds
 * it ({@link #finish}, the fence before a file is moved or a notice removed). The row lock is held only
 * for the short transaction of each call, never while the work is done: the owner's lease keeps the
 * others off meanwhile.
 *
 * <p>Without a node (a single hub with no {@link HubNodes}, as in tests of one component) every claim is
 * granted and nothing is recorded.
 */
public final class WorkClaims {

    /** A clinic inbox file: clinic, name, size and modification time. */
    public static final String INBOX_FILE = "inbox-file";
    /** A clinic notice (webhook or EHR message), by its id. */
    public static final String NOTICE = "notice";
    /** A payer reply file a Camel file or SFTP consumer picks up: where, name, size and modification time. */
    public static final String REPLY_FILE = "reply-file";

    /** The claim is unfinished, this node's, and this node's lease runs: bind the node id twice and now. */
    private static final String HELD_HERE = " AND status = 'claimed' AND owner_node = ? AND EXISTS (SELECT 1"
            + " FROM hub_node n WHERE n.node_id = ? AND n.lease_until > ?)";

    private final Jdbc jdbc;
    private final Clock clock;
    private final String nodeId;

    /** What {@link #claim} found. */
    public enum Claim {
        /** This node holds the work now (it was free, already this node's, or its owner's lease ran out). */
        TAKEN,
        /** Another node whose lease runs holds the work, or finished it and is still tidying up: leave it. */
        HELD_ELSEWHERE,
        /** The work was finished, by this node or by one whose lease ran out since: only tidying up is left. */
        FINISHED
    }

    /** @param nodeId the {@link HubNodes} node claiming work; null for a single hub without one */
    public WorkClaims(DataSource dataSource, Clock clock, String nodeId) {
        this.jdbc = nodeId == null ? null : new Jdbc(dataSource);
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Every claim granted, nothing recorded: one hub alone, without a lease. */
    public static WorkClaims singleHub() {
        return new WorkClaims(null, Clock.systemUTC(), null);
    }

    /** Claims a piece of work for this node, unless a live node holds it. */
    public Claim claim(String kind, String key) {
        if (jdbc == null) {
            return Claim.TAKEN;
        }
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            List<String[]> row = lock(connection, kind, key);
            if (row.isEmpty()) {
                Savepoint beforeInsert = connection.setSavepoint();
                try {
                    Jdbc.update(connection, "INSERT INTO work_claim (kind, work_key, owner_node, status, claimed_at)"
                            + " VALUES (?, ?, ?, 'claimed', ?)", kind, key, nodeId, now);
                    return Claim.TAKEN;
                } catch (SQLException e) {
                    // Another node inserted the same claim at the same moment: its row decides.
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(beforeInsert);
                    row = lock(connection, kind, key);
                    if (row.isEmpty()) {
                        // ... and has finished it and forgotten the claim since: a later look sees what is left.
                        return Claim.HELD_ELSEWHERE;
                    }
                }
            }
            String owner = row.get(0)[0];
            boolean done = "done".equals(row.get(0)[1]);
            boolean ownerAlive = !nodeId.equals(owner) && !Jdbc.query(connection, "SELECT node_id FROM hub_node"
                    + " WHERE node_id = ? AND lease_until > ?", r -> r.getString(1), owner, now).isEmpty();
            if (ownerAlive) {
                return Claim.HELD_ELSEWHERE;
            }
            if (done) {
                return Claim.FINISHED;
            }
            if (!nodeId.equals(owner)) {
                Jdbc.update(connection, "UPDATE work_claim SET owner_node = ?, claimed_at = ? WHERE kind = ? AND work_key = ?",
                        nodeId, now, kind, key);
            }
            return Claim.TAKEN;
        });
    }

    /**
     * Marks claimed work done, fenced: only while it is still this node's and this node's lease runs. Call
     * it right before the work becomes visible (the file moved, the notice removed).
     *
     * @throws LeaseLostException when another node took the work over, or this node's lease ran out (the
     *                            work stays claimed: this node or, after the lease, another finishes it)
     */
    public void finish(String kind, String key) {
        if (jdbc == null) {
            return;
        }
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            if (Jdbc.update(connection, "UPDATE work_claim SET status = 'done', finished_at = ? WHERE kind = ?"
                    + " AND work_key = ?" + HELD_HERE, now, kind, key, nodeId, nodeId, now) == 1) {
                return null;
            }
            throw lost(connection, kind, key);
        });
    }

    private LeaseLostException lost(Connection connection, String kind, String key) throws SQLException {
        String owner = Jdbc.query(connection, "SELECT owner_node FROM work_claim WHERE kind = ? AND work_key = ?",
                r -> r.getString(1), kind, key).stream().findFirst().orElse(null);
        return new LeaseLostException(kind + " is no longer this node's to finish (lease of " + nodeId + " ran out"
                + (nodeId.equals(owner) ? ")" : owner == null ? "; another hub finished it)" : "; now held by " + owner + ")"));
    }

    /**
     * Fencing before a step that is not the last (a notice rewritten for its next attempt): the work must
     * still be this node's and this node's lease must run.
     *
     * @throws LeaseLostException when it is not
     */
    public void ensureHolds(String kind, String key) {
        if (jdbc == null) {
            return;
        }
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            if (Jdbc.query(connection, "SELECT owner_node FROM work_claim WHERE kind = ? AND work_key = ?" + HELD_HERE,
                    r -> r.getString(1), kind, key, nodeId, nodeId, now).isEmpty()) {
                throw lost(connection, kind, key);
            }
            return null;
        });
    }

    /**
     * Gives claimed work back unfinished (this hub stops, the file changed under it): any node may take
     * it at once.
     */
    public void release(String kind, String key) {
        if (jdbc == null) {
            return;
        }
        jdbc.inTransaction(connection -> Jdbc.update(connection, "DELETE FROM work_claim WHERE kind = ? AND work_key = ?"
                + " AND owner_node = ? AND status = 'claimed'", kind, key, nodeId));
    }

    /** Whether the work was marked done (by any node) and its claim not yet forgotten. */
    public boolean isFinished(String kind, String key) {
        if (jdbc == null) {
            return false;
        }
        return !jdbc.query("SELECT 1 FROM work_claim WHERE kind = ? AND work_key = ? AND status = 'done'",
                r -> r.getInt(1), kind, key).isEmpty();
    }

    /** Forgets a finished claim whose work is gone for good (the notice removed, the file moved away). */
    public void forget(String kind, String key) {
        if (jdbc == null) {
            return;
        }
        jdbc.inTransaction(connection -> Jdbc.update(connection, "DELETE FROM work_claim WHERE kind = ? AND work_key = ?"
                + " AND status = 'done'", kind, key));
    }

    private static List<String[]> lock(Connection connection, String kind, String key) throws SQLException {
        return Jdbc.query(connection, "SELECT owner_node, status FROM work_claim WHERE kind = ? AND work_key = ? FOR UPDATE",
                r -> new String[]{r.getString(1), r.getString(2)}, kind, key);
    }
}
