package io.claimshub.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The delivery side of the ledger: which batch files wait to be sent to an sftp or http payer, every
 * attempt with its time, outcome and error, and the final outcome per file. A batch moves
 * QUEUED -> SENDING (from its first attempt on, across retries and restarts) -> DELIVERED, or DEAD
 * after its last attempt; its claims follow with one claim_event row per change.
 */
public final class DeliveryLedger {

    public static final String QUEUED = "QUEUED";
    public static final String SENDING = "SENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";

    private final Jdbc jdbc;
    private final Clock clock;

    /** The hub node whose attempts these are; null for a tool working alone (the redeliver command). */
    private final String nodeId;
    private final int claimsPerTransaction;

    public DeliveryLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** @param nodeId the {@link HubNodes} node running this ledger's attempts */
    public DeliveryLedger(DataSource dataSource, Clock clock, String nodeId) {
        this(dataSource, clock, nodeId, BatchLedger.CLAIMS_PER_TRANSACTION);
    }

    /** @param claimsPerTransaction how many claims one transaction of a file's start or delivery moves at most */
    DeliveryLedger(DataSource dataSource, Clock clock, String nodeId, int claimsPerTransaction) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.nodeId = nodeId;
        this.claimsPerTransaction = claimsPerTransaction;
    }

    /** One batch file and where its delivery stands. */
    public record Delivery(long batchId, String payerId, String fileName, long interchangeControlNumber,
                           Instant createdAt, String status, int attempts, Instant nextAttemptAt,
                           String lastError, String destination) {
    }

    /** One attempt as recorded: outcome is null while it runs (or if the hub stopped during it). */
    public record Attempt(long id, int number, Instant startedAt, Instant finishedAt, String outcome, String error) {
    }

    /** An attempt just started; {@code resumed} when an earlier attempt of this file may have reached the payer. */
    public record Started(long attemptId, int number, boolean resumed) {
    }

    /**
     * Queues every written batch of the given payers that has no delivery yet (the batch writer leaves
     * sftp and http payers' files in status 'written').
     *
     * @return how many batches were queued
     */
    public int enqueueWritten(Collection<String> payerIds) {
        if (payerIds.isEmpty()) {
            return 0;
        }
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            List<Object[]> rows = Jdbc.query(connection, "SELECT b.id, b.payer_id, b.file_name FROM batch b"
                            + " WHERE b.status = 'written' AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.batch_id = b.id)"
                            + " ORDER BY b.id",
                    row -> new Object[]{row.getLong(1), row.getString(2), row.getString(3)});
            int queued = 0;
            for (Object[] row : rows) {
                if (!payerIds.contains((String) row[1])) {
                    continue;
                }
                Jdbc.update(connection, "INSERT INTO delivery (batch_id, payer_id, file_name, status, attempts,"
                        + " next_attempt_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)", row[0], row[1], row[2], QUEUED, now, now);
                Jdbc.update(connection, "UPDATE batch SET status = 'queued' WHERE id = ?", row[0]);
                queued++;
            }
            return queued;
        });
    }

    /** Deliveries waiting (QUEUED or SENDING) whose next attempt is due, oldest first. */
    public List<Delivery> due(int limit) {
        return jdbc.query(SELECT + " WHERE d.status IN (?, ?) AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.batch_id"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                DeliveryLedger::delivery, QUEUED, SENDING, clock.instant());
    }

    public Optional<Delivery> delivery(long batchId) {
        return jdbc.query(SELECT + " WHERE d.batch_id = ?", DeliveryLedger::delivery, batchId).stream().findFirst();
    }

    /** How many claims the batch file holds. */
    public int claimCount(long batchId) {
        return jdbc.query("SELECT claim_count FROM batch WHERE id = ?", row -> row.getInt(1), batchId)
                .stream().findFirst().orElse(0);
    }

    public Optional<Delivery> byFileName(String fileName) {
        return jdbc.query(SELECT + " WHERE d.file_name = ?", DeliveryLedger::delivery, fileName).stream().findFirst();
    }

    public List<Delivery> withStatus(String payerId, String status) {
        return jdbc.query(SELECT + " WHERE d.payer_id = ? AND d.status = ? ORDER BY d.batch_id",
                DeliveryLedger::delivery, payerId, status);
    }

    public List<Attempt> attempts(long batchId) {
        return jdbc.query("SELECT id, attempt, started_at, finished_at, outcome, error FROM delivery_attempt"
                        + " WHERE batch_id = ? ORDER BY id",
                row -> new Attempt(row.getLong(1), row.getInt(2), Jdbc.instant(row.getTimestamp(3)),
                        Jdbc.instant(row.getTimestamp(4)), row.getString(5), row.getString(6)), batchId);
    }

    /**
     * Records an attempt before anything is sent. The first one moves the batch and its claims to
     * SENDING, the claims a few hundred per transaction ({@link BatchLedger#CLAIMS_PER_TRANSACTION}); a
     * later attempt moves those a stop left behind. An attempt the hub did not see finish (it stopped
     * during it) is closed as INTERRUPTED.
     *
     * @return empty when the batch is no longer due (delivered, dead, or rescheduled meanwhile)
     */
    public Optional<Started> startAttempt(long batchId) {
        Optional<Started> started = jdbc.inTransaction(connection -> recordAttempt(connection, batchId));
        if (started.isPresent()) {
            long attemptId = started.get().attemptId();
            boolean moved = false;
            while (!moved) {
                moved = jdbc.inTransaction(connection -> {
                    if (!holdsAttempt(connection, batchId, attemptId)) {
                        return true; // another node took the delivery over meanwhile: its attempt moves the claims
                    }
                    String detail = "sending file " + fileName(connection, batchId) + " to payer " + payerId(connection, batchId);
                    return moveClaims(connection, batchId, ClaimStatus.QUEUED, ClaimStatus.SENDING, clock.instant(), detail,
                            claimsPerTransaction) < claimsPerTransaction;
                });
            }
        }
        return started;
    }

    private Optional<Started> recordAttempt(Connection connection, long batchId) throws SQLException {
        Instant now = clock.instant();
        // Row lock: two workers (or two hubs on one PostgreSQL ledger) never start the same attempt.
        lockDelivery(connection, batchId);
        Delivery d = Jdbc.query(connection, SELECT + " WHERE d.batch_id = ?", DeliveryLedger::delivery, batchId)
                .stream().findFirst().orElseThrow(() -> new LedgerException("no delivery for batch " + batchId));
        if (!d.status().equals(QUEUED) && !d.status().equals(SENDING) || d.nextAttemptAt().isAfter(now)) {
            // Finished, or its next attempt was rescheduled, since the caller looked.
            return Optional.<Started>empty();
        }
        // An attempt still open on another hub whose lease runs is that hub's upload in progress, not
        // one interrupted by a stop: it is left to finish.
        if (!Jdbc.query(connection, "SELECT a.id FROM delivery_attempt a WHERE a.batch_id = ? AND a.outcome IS NULL"
                + " AND a.owner_node IS NOT NULL AND a.owner_node <> ? AND NOT " + HubNodes.ownerLeaseExpired("a.owner_node"),
                row -> row.getLong(1), batchId, nodeId == null ? "" : nodeId, now).isEmpty()) {
            return Optional.<Started>empty();
        }
        Jdbc.update(connection, "UPDATE delivery_attempt SET finished_at = ?, outcome = 'INTERRUPTED',"
                + " error = 'the hub stopped during this attempt' WHERE batch_id = ? AND outcome IS NULL", now, batchId);
        int number = d.attempts() + 1;
        long attemptId = Jdbc.insert(connection, "INSERT INTO delivery_attempt (batch_id, attempt, started_at,"
                + " owner_node) VALUES (?, ?, ?, ?)", batchId, number, now, nodeId);
        Jdbc.update(connection, "UPDATE delivery SET status = ?, attempts = ?, updated_at = ? WHERE batch_id = ?",
                SENDING, number, now, batchId);
        boolean resumed = d.status().equals(SENDING);
        if (!resumed) {
            Jdbc.update(connection, "UPDATE batch SET status = 'sending' WHERE id = ?", batchId);
        }
        return Optional.of(new Started(attemptId, number, resumed));
    }

    /**
     * The file reached the payer: the batch and its claims are DELIVERED. The claims move a few hundred per
     * transaction and the attempt, the delivery and the batch with the last of them: after a stop in between
     * the attempt counts as interrupted, and the next one finishes the move.
     */
    public void markDelivered(long batchId, long attemptId, String destination, String detail) {
        for (ClaimStatus from : List.of(ClaimStatus.SENDING, ClaimStatus.QUEUED)) {
            boolean moved = false;
            while (!moved) {
                moved = jdbc.inTransaction(connection -> {
                    if (!holdsAttempt(connection, batchId, attemptId)) {
                        throw lostAttempt(batchId, attemptId);
                    }
                    return moveClaims(connection, batchId, from, ClaimStatus.DELIVERED, clock.instant(),
                            "delivered file " + fileName(connection, batchId) + " to " + destination,
                            claimsPerTransaction) < claimsPerTransaction;
                });
            }
        }
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            lockDelivery(connection, batchId);
            finishAttempt(connection, attemptId, now, DELIVERED, detail);
            Jdbc.update(connection, "UPDATE delivery SET status = ?, destination = ?, updated_at = ? WHERE batch_id = ?",
                    DELIVERED, destination, now, batchId);
            Jdbc.update(connection, "UPDATE batch SET status = 'delivered', destination = ? WHERE id = ?", destination, batchId);
            String fileName = fileName(connection, batchId);
            moveClaims(connection, batchId, ClaimStatus.SENDING, ClaimStatus.DELIVERED, now,
                    "delivered file " + fileName + " to " + destination, Integer.MAX_VALUE);
            moveClaims(connection, batchId, ClaimStatus.QUEUED, ClaimStatus.DELIVERED, now,
                    "delivered file " + fileName + " to " + destination, Integer.MAX_VALUE);
            return null;
        });
    }

    /** This attempt failed and another follows at {@code nextAttemptAt}. */
    public void markFailed(long batchId, long attemptId, String error, Instant nextAttemptAt) {
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            lockDelivery(connection, batchId);
            finishAttempt(connection, attemptId, now, "FAILED", error);
            Jdbc.update(connection, "UPDATE delivery SET last_error = ?, next_attempt_at = ?, updated_at = ? WHERE batch_id = ?",
                    truncate(error), nextAttemptAt, now, batchId);
            return null;
        });
    }

    /**
     * No more attempts: the batch and its claims are DEAD, the file is in the dead-letter area.
     *
     * @param outcome of this attempt: FAILED (out of attempts) or REJECTED (the payer refused it)
     */
    public void markDead(long batchId, long attemptId, String outcome, String error, String deadLetter) {
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            lockDelivery(connection, batchId);
            finishAttempt(connection, attemptId, now, outcome, error);
            Jdbc.update(connection, "UPDATE delivery SET status = ?, last_error = ?, destination = ?, updated_at = ?"
                    + " WHERE batch_id = ?", DEAD, truncate(error), deadLetter, now, batchId);
            Jdbc.update(connection, "UPDATE batch SET status = 'dead' WHERE id = ?", batchId);
            String detail = "file " + fileName(connection, batchId) + " not delivered: " + error;
            moveClaims(connection, batchId, ClaimStatus.SENDING, ClaimStatus.DEAD, now, detail, Integer.MAX_VALUE);
            moveClaims(connection, batchId, ClaimStatus.QUEUED, ClaimStatus.DEAD, now, detail, Integer.MAX_VALUE);
            return null;
        });
    }

    /**
     * Sends a batch again (an operator's redeliver): a fresh set of attempts from now, the batch and its
     * claims back to QUEUED. Works on a DEAD batch, and on a waiting one (its next attempt moves to now).
     *
     * @return false when the batch was already delivered (nothing is changed)
     */
    public boolean requeue(long batchId) {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            Delivery d = Jdbc.query(connection, SELECT + " WHERE d.batch_id = ?", DeliveryLedger::delivery, batchId)
                    .stream().findFirst().orElseThrow(() -> new LedgerException("no delivery for batch " + batchId));
            if (d.status().equals(DELIVERED)) {
                return false;
            }
            if (d.status().equals(DEAD)) {
                Jdbc.update(connection, "UPDATE delivery SET status = ?, attempts = 0, next_attempt_at = ?,"
                        + " destination = NULL, updated_at = ? WHERE batch_id = ?", QUEUED, now, now, batchId);
                Jdbc.update(connection, "UPDATE batch SET status = 'queued' WHERE id = ?", batchId);
                moveClaims(connection, batchId, ClaimStatus.DEAD, ClaimStatus.QUEUED, now,
                        "redelivery of file " + d.fileName() + " requested", Integer.MAX_VALUE);
            } else {
                Jdbc.update(connection, "UPDATE delivery SET next_attempt_at = ?, updated_at = ? WHERE batch_id = ?",
                        now, now, batchId);
            }
            return true;
        });
    }

    /**
     * Fencing, right before a file of this attempt is moved: the attempt must still be open and this
     * node's. Another node that took the delivery over (this node's lease ran out) closed it.
     *
     * @throws LeaseLostException when it is no longer this node's attempt
     */
    public void ensureHoldsAttempt(long batchId, long attemptId) {
        jdbc.inTransaction(connection -> {
            if (!holdsAttempt(connection, batchId, attemptId)) {
                throw lostAttempt(batchId, attemptId);
            }
            return null;
        });
    }

    /** Whether the attempt is still open and this node's; holds the delivery's row lock until the commit. */
    private boolean holdsAttempt(Connection connection, long batchId, long attemptId) throws SQLException {
        lockDelivery(connection, batchId);
        return !Jdbc.query(connection, "SELECT id FROM delivery_attempt WHERE id = ? AND outcome IS NULL" + ownAttempt(),
                row -> row.getLong(1), ownAttempt(attemptId)).isEmpty();
    }

    /**
     * The row lock {@link #startAttempt} takes too: a node taking the delivery over and the node finishing
     * the attempt it took over queue on it, so exactly one of them changes the delivery.
     */
    private static void lockDelivery(Connection connection, long batchId) throws SQLException {
        Jdbc.query(connection, "SELECT batch_id FROM delivery WHERE batch_id = ? FOR UPDATE", row -> row.getLong(1), batchId);
    }

    /**
     * Closes the attempt, fenced: a node whose attempt another node closed when it took the delivery over
     * changes nothing (the outcome of the other node's attempt stands).
     */
    private void finishAttempt(Connection connection, long attemptId, Instant now, String outcome, String error)
            throws SQLException {
        if (Jdbc.update(connection, "UPDATE delivery_attempt SET finished_at = ?, outcome = ?, error = ? WHERE id = ?"
                + " AND outcome IS NULL" + ownAttempt(), ownAttempt(now, outcome, truncate(error), attemptId)) == 0) {
            long batchId = Jdbc.query(connection, "SELECT batch_id FROM delivery_attempt WHERE id = ?",
                    row -> row.getLong(1), attemptId).stream().findFirst().orElse(0L);
            throw lostAttempt(batchId, attemptId);
        }
    }

    private String ownAttempt() {
        return nodeId == null ? "" : " AND owner_node = ?";
    }

    private Object[] ownAttempt(Object... params) {
        if (nodeId == null) {
            return params;
        }
        Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
        all[params.length] = nodeId;
        return all;
    }

    private LeaseLostException lostAttempt(long batchId, long attemptId) {
        return new LeaseLostException("delivery attempt " + attemptId + " of batch " + batchId + " is no longer this"
                + " node's (" + (nodeId == null ? "this hub" : nodeId) + "): it was closed when the delivery was started"
                + " again, by another hub after this one's lease ran out or by a redelivery");
    }

    private static String fileName(Connection connection, long batchId) throws SQLException {
        return Jdbc.query(connection, "SELECT file_name FROM batch WHERE id = ?", row -> row.getString(1), batchId).get(0);
    }

    private static String payerId(Connection connection, long batchId) throws SQLException {
        return Jdbc.query(connection, "SELECT payer_id FROM batch WHERE id = ?", row -> row.getString(1), batchId).get(0);
    }

    /**
     * Moves up to {@code limit} of the batch's claims from one status to another, oldest first, each with its
     * event; returns how many it moved. The batch writer's marks use it too.
     */
    static int moveClaims(Connection connection, long batchId, ClaimStatus from, ClaimStatus to, Instant now,
                                  String detail, int limit) throws SQLException {
        List<Long> claims = Jdbc.query(connection, "SELECT id FROM claim WHERE batch_id = ? AND status = ? ORDER BY id"
                + (limit == Integer.MAX_VALUE ? "" : " FETCH FIRST " + limit + " ROWS ONLY"), row -> row.getLong(1),
                batchId, from.name());
        List<Object[]> updates = new ArrayList<>(claims.size());
        List<Jdbc.ClaimEvent> events = new ArrayList<>(claims.size());
        for (long claimId : claims) {
            updates.add(new Object[]{to.name(), now, claimId, from.name()});
            events.add(new Jdbc.ClaimEvent(claimId, to, now, detail));
        }
        // JDBC batches: two statements per claim of a 5,000-claim file were most of a delivery's ledger time
        Jdbc.batch(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ? AND status = ?", updates);
        Jdbc.addClaimEvents(connection, events);
        return claims.size();
    }

    /** An error cut to its column, marked as cut as every other ledger text is. */
    private static String truncate(String text) {
        return text == null ? null : Jdbc.truncate(text, 4000);
    }

    private static final String SELECT = "SELECT d.batch_id, d.payer_id, d.file_name, b.interchange_control_number,"
            + " b.created_at, d.status, d.attempts, d.next_attempt_at, d.last_error, d.destination"
            + " FROM delivery d JOIN batch b ON b.id = d.batch_id";

    private static Delivery delivery(java.sql.ResultSet row) throws SQLException {
        return new Delivery(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                Jdbc.instant(row.getTimestamp(5)), row.getString(6), row.getInt(7), Jdbc.instant(row.getTimestamp(8)),
                row.getString(9), row.getString(10));
    }
}
