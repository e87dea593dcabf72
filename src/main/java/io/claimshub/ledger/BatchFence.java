package io.claimshub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Fencing of batch work: a commit that finishes a batch holds only while the batch is this node's and
 * this node's lease runs, so a node frozen past its lease changes nothing another node took over.
 * Without a node (a tool working alone) nothing is fenced.
 */
final class BatchFence {

    private final Clock clock;
    /** The hub node whose lease fences; null for a tool working alone. */
    private final String nodeId;

    BatchFence(Clock clock, String nodeId) {
        this.clock = clock;
        this.nodeId = nodeId;
    }

    String nodeId() {
        return nodeId;
    }

    boolean active() {
        return nodeId != null;
    }

    /** The condition that the batch is this node's and this node's lease runs; nothing without a node. */
    String condition() {
        return nodeId == null ? "" : " AND owner_node = ? AND EXISTS (SELECT 1 FROM hub_node n"
                + " WHERE n.node_id = ? AND n.lease_until > ?)";
    }

    /** The statement's parameters followed by those of {@link #condition()}. */
    Object[] params(Object... params) {
        if (nodeId == null) {
            return params;
        }
        Object[] all = java.util.Arrays.copyOf(params, params.length + 3);
        all[params.length] = nodeId;
        all[params.length + 1] = nodeId;
        all[params.length + 2] = clock.instant();
        return all;
    }

    /**
     * Why this node may not finish the batch: another node took it over ({@link LeaseLostException}), or
     * only this node's lease ran out meanwhile (an {@link IllegalStateException}: the batch stays this
     * node's, and the batch writer retries it at the next tick like any file it could not write).
     */
    RuntimeException lost(Connection connection, long batchId) throws SQLException {
        String owner = Jdbc.query(connection, "SELECT owner_node FROM batch WHERE id = ?", row -> row.getString(1), batchId)
                .stream().findFirst().orElse(null);
        if (nodeId.equals(owner)) {
            return new IllegalStateException("the lease of hub node " + nodeId + " ran out before batch " + batchId
                    + " was finished; it is finished once the lease is renewed");
        }
        return new LeaseLostException("batch " + batchId + " is no longer this node's to finish (lease of " + nodeId
                + " ran out; now held by " + owner + ")");
    }
}
