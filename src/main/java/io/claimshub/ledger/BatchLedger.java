package io.claimshub.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The batching side of the claim ledger: makes a batch file of a payer's waiting claims (their control
 * numbers taken in the same transaction), then records the file written, delivered, printed or empty.
 * Batch work is fenced: under a node id, a commit that finishes a batch holds only while the batch is
 * this node's and its lease runs; a batch whose writer is gone is taken over. Thread-safe. A batch's
 * claims are taken and marked a few hundred per transaction ({@link #CLAIMS_PER_TRANSACTION}), the
 * batch's own row last; every other method is one transaction.
 */
public final class BatchLedger {

    /**
     * H2 writes every page a transaction changed at its commit, behind one lock that the intake's commits
     * (and the acknowledgements waiting for them) need too, and the disk sync after it flushes them: a
     * batch of 5,000 claims in one transaction held those up for half a second. A few hundred claims per
     * transaction keep each wait short.
     */
    static final int CLAIMS_PER_TRANSACTION = 500;

    private final Jdbc jdbc;
    private final Clock clock;
    private final BatchFence fence;
    private final int claimsPerTransaction;

    public BatchLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** @param nodeId the {@link HubNodes} node whose lease fences this ledger's batch work; null for a tool */
    public BatchLedger(DataSource dataSource, Clock clock, String nodeId) {
        this(dataSource, clock, nodeId, CLAIMS_PER_TRANSACTION);
    }

    /** @param claimsPerTransaction how many claims one of the batch work's transactions changes at most */
    public BatchLedger(DataSource dataSource, Clock clock, String nodeId, int claimsPerTransaction) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.fence = new BatchFence(clock, nodeId);
        this.claimsPerTransaction = claimsPerTransaction;
    }

    public record PendingClaim(long id, String clinicId, String clm01, String payloadJson, Instant receivedAt) {
    }

    /** One 837 file: ISA13 = GS06 = {@code interchangeControlNumber}; one ST02 per transaction set. */
    public record Batch(long id, String payerId, String fileName, long interchangeControlNumber, List<String> st02s,
                        Instant createdAt) {
    }

    /**
     * A batch just made from waiting claims, with those claims and their payloads: one list per transaction
     * set, set i under ST02 {@code batch.st02s().get(i)}.
     */
    public record NextBatch(Batch batch, List<List<PendingClaim>> sets) {

        public List<PendingClaim> claims() {
            return sets.stream().flatMap(List::stream).toList();
        }
    }

    /** A batch whose writing this node took over; {@code previousOwner} null when none was recorded. */
    public record TakenBatch(Batch batch, String previousOwner) {
    }

    /**
     * Makes a batch of up to {@code maxClaims} of the payer's waiting claims, oldest first, and reads them
     * back with their payloads. The claims are taken {@link #CLAIMS_PER_TRANSACTION} at a time, each
     * transaction locking the claims it takes and skipping those another hub has just locked, so hubs
     * batching the same payer at once each take different claims. A stop between two of these
     * transactions leaves a smaller batch, recovered like any other, and the rest of the claims waiting.
     *
     * @return empty when no claim waits (or every waiting one is being batched by another hub)
     */
    public Optional<NextBatch> nextBatch(String payerId, int maxClaims, LongFunction<String> fileNamer) {
        return take(payerId, maxClaims, jdbc.inTransaction(connection ->
                startBatch(connection, payerId, maxClaims, fileNamer)));
    }

    /**
     * As {@link #nextBatch}, only when a batch is due: {@code maxClaims} claims wait, or the oldest was
     * received at or before {@code oldestReceivedBy}. Asked again before each batch, so claims that arrive
     * while a file is written wait for their own full batch instead of going out as a small file.
     */
    public Optional<NextBatch> nextDueBatch(String payerId, int maxClaims, Instant oldestReceivedBy,
                                            LongFunction<String> fileNamer) {
        return take(payerId, maxClaims, jdbc.inTransaction(connection -> {
            Object[] waiting = Jdbc.query(connection, "SELECT COUNT(*), MIN(received_at) FROM claim WHERE payer_id = ?"
                            + " AND status = ?", row -> new Object[]{row.getInt(1), Jdbc.instant(row.getTimestamp(2))},
                    payerId, ClaimStatus.VALIDATED.name()).get(0);
            int count = (Integer) waiting[0];
            Instant oldest = (Instant) waiting[1];
            boolean due = count >= maxClaims || oldest != null && !oldest.isAfter(oldestReceivedBy);
            return count > 0 && due ? startBatch(connection, payerId, maxClaims, fileNamer) : Optional.<Taking>empty();
        }));
    }

    /** A batch being filled: the transaction set (ST02) of each clinic, and how many claims it holds so far. */
    private record Taking(Batch batch, Map<String, String> st02ByClinic, int taken) {
    }

    /**
     * Makes the batch and takes its first claims. The clinics, and with them the transaction sets and their
     * control numbers, are those of the oldest {@code maxClaims} waiting claims, read without locking them:
     * locking thousands of rows in H2 writes them all at the commit, as changing them would.
     */
    private Optional<Taking> startBatch(Connection connection, String payerId, int maxClaims,
                                        LongFunction<String> fileNamer) throws SQLException {
        List<String> clinics = Jdbc.query(connection, "SELECT clinic_id FROM claim WHERE payer_id = ? AND status = ?"
                        + " ORDER BY id FETCH FIRST " + maxClaims + " ROWS ONLY", row -> row.getString(1),
                payerId, ClaimStatus.VALIDATED.name()).stream().distinct().toList();
        if (clinics.isEmpty()) {
            return Optional.empty();
        }
        List<long[]> first = lockWaiting(connection, payerId, clinics, Math.min(maxClaims, claimsPerTransaction));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = insertBatch(connection, payerId, fileNamer, clinics.size());
        Map<String, String> st02ByClinic = new LinkedHashMap<>();
        for (int set = 0; set < clinics.size(); set++) {
            st02ByClinic.put(clinics.get(set), batch.st02s().get(set));
        }
        Taking taking = new Taking(batch, st02ByClinic, 0);
        return Optional.of(addClaims(connection, taking, first, clinics));
    }

    /** Takes the rest of the batch's claims, a transaction at a time, then reads the batch back. */
    private Optional<NextBatch> take(String payerId, int maxClaims, Optional<Taking> started) {
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Taking taking = started.get();
        List<String> clinics = List.copyOf(taking.st02ByClinic().keySet());
        int added = taking.taken();
        while (added == claimsPerTransaction && taking.taken() < maxClaims) {
            Taking current = taking;
            taking = jdbc.inTransaction(connection -> addClaims(connection, current,
                    lockWaiting(connection, payerId, clinics, Math.min(claimsPerTransaction, maxClaims - current.taken())),
                    clinics));
            added = taking.taken() - current.taken();
        }
        long batchId = taking.batch().id();
        return Optional.of(new NextBatch(batch(batchId), claimsInBatch(batchId)));
    }

    /** Up to {@code limit} of the payer's waiting claims of these clinics, oldest first, locked: [id, clinic index]. */
    private static List<long[]> lockWaiting(Connection connection, String payerId, List<String> clinics, int limit)
            throws SQLException {
        String in = String.join(", ", Collections.nCopies(clinics.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(payerId, ClaimStatus.VALIDATED.name()));
        params.addAll(clinics);
        return Jdbc.query(connection, "SELECT id, clinic_id FROM claim WHERE payer_id = ? AND status = ? AND clinic_id IN ("
                        + in + ") ORDER BY id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                row -> new long[]{row.getLong(1), clinics.indexOf(row.getString(2))}, params.toArray());
    }

    /**
     * Puts locked claims ([id, clinic index]) into the batch. Fenced, so a node that lost the batch while
     * filling it adds nothing more; the batch's count grows with its claims, so a batch cut short by a stop
     * is counted right.
     */
    private Taking addClaims(Connection connection, Taking taking, List<long[]> claims, List<String> clinics)
            throws SQLException {
        Map<Long, String> st02ByClaim = new LinkedHashMap<>();
        for (long[] claim : claims) {
            st02ByClaim.put(claim[0], taking.st02ByClinic().get(clinics.get((int) claim[1])));
        }
        queue(connection, taking.batch(), st02ByClaim);
        if (Jdbc.update(connection, "UPDATE batch SET claim_count = claim_count + ? WHERE id = ? AND status = 'writing'"
                + fence.condition(), fence.params(claims.size(), taking.batch().id())) == 0) {
            throw fence.active() ? fence.lost(connection, taking.batch().id())
                    : new LedgerException("batch " + taking.batch().fileName() + " was finished while it was being made");
        }
        return new Taking(taking.batch(), taking.st02ByClinic(), taking.taken() + claims.size());
    }

    /**
     * Puts claims into a new batch file in one transaction: takes {@code claimIdsPerSet.size()} numbers
     * from the payer's counter (ISA13 = GS06 = the first, ST02 of set i = first + i), records the batch
     * as being written and the claims as QUEUED in it.
     *
     * @throws LedgerException when a claim is no longer waiting for a batch (nothing is changed then)
     */
    public Batch createBatch(String payerId, LongFunction<String> fileNameForControlNumber, List<List<Long>> claimIdsPerSet) {
        return jdbc.inTransaction(connection -> {
            Batch batch = insertBatch(connection, payerId, fileNameForControlNumber, claimIdsPerSet.size());
            Map<Long, String> st02ByClaim = new LinkedHashMap<>();
            for (int set = 0; set < claimIdsPerSet.size(); set++) {
                for (long claimId : claimIdsPerSet.get(set)) {
                    st02ByClaim.put(claimId, batch.st02s().get(set));
                }
            }
            queue(connection, batch, st02ByClaim);
            Jdbc.update(connection, "UPDATE batch SET claim_count = ? WHERE id = ?", st02ByClaim.size(), batch.id());
            return batch;
        });
    }

    /** A new batch, being written, without claims yet: its control numbers are taken here. */
    private Batch insertBatch(Connection connection, String payerId, LongFunction<String> fileNameForControlNumber,
                              int sets) throws SQLException {
        Instant now = clock.instant();
        long first = ControlNumbers.next(connection, payerId, sets);
        String fileName = fileNameForControlNumber.apply(first);
        long batchId = Jdbc.insert(connection, "INSERT INTO batch (payer_id, file_name, interchange_control_number,"
                + " created_at, status, claim_count, owner_node) VALUES (?, ?, ?, ?, ?, ?, ?)", payerId, fileName, first, now,
                "writing", 0, fence.nodeId());
        List<String> st02s = new ArrayList<>();
        for (int set = 0; set < sets; set++) {
            st02s.add(String.format("%09d", ControlNumbers.wrap(first + set)));
        }
        return new Batch(batchId, payerId, fileName, first, st02s, now);
    }

    /**
     * The claims become QUEUED in the batch, each in its transaction set.
     *
     * @throws LedgerException when a claim is no longer waiting for a batch
     */
    private void queue(Connection connection, Batch batch, Map<Long, String> st02ByClaim) throws SQLException {
        Instant now = clock.instant();
        String isa13 = String.format("%09d", batch.interchangeControlNumber());
        List<Object[]> updates = new ArrayList<>(st02ByClaim.size());
        List<Jdbc.ClaimEvent> events = new ArrayList<>(st02ByClaim.size());
        st02ByClaim.forEach((claimId, st02) -> {
            updates.add(new Object[]{ClaimStatus.QUEUED.name(), batch.id(), st02, now, claimId, ClaimStatus.VALIDATED.name()});
            events.add(new Jdbc.ClaimEvent(claimId, ClaimStatus.QUEUED, now,
                    "in file " + batch.fileName() + " ISA13 " + isa13 + " ST02 " + st02));
        });
        // JDBC batches: a statement per claim made this the batch writer's biggest cost
        int[] updated = Jdbc.batch(connection, "UPDATE claim SET status = ?, batch_id = ?, st02 = ?, updated_at = ?"
                + " WHERE id = ? AND status = ?", updates);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 1) {
                throw new LedgerException("claim " + updates.get(i)[4] + " is not waiting for a batch; batch "
                        + batch.fileName() + " was not created");
            }
        }
        Jdbc.addClaimEvents(connection, events);
    }

    public void markBatchWritten(long batchId) {
        leaveWriting(batchId, "written");
    }

    /**
     * The batch lost all its claims between the commit that made it and the writing of its file: it
     * becomes {@code empty}, is never written, delivered or retried, and keeps its control numbers
     * (they are never reused).
     */
    public void markBatchEmpty(long batchId) {
        leaveWriting(batchId, "empty");
    }

    /** The batch is no longer being written; fenced: a node that lost the batch changes nothing. */
    private void leaveWriting(long batchId, String status) {
        jdbc.inTransaction(connection -> {
            if (Jdbc.update(connection, "UPDATE batch SET status = ? WHERE id = ? AND status = 'writing'"
                    + fence.condition(), fence.params(status, batchId)) == 0 && fence.active()) {
                throw fence.lost(connection, batchId);
            }
            return null;
        });
    }

    /**
     * Fencing, right before a batch file is renamed into place: the batch must still be being written, by
     * this node, and this node's lease must run. A node frozen past its lease finds the batch taken over
     * ({@link LeaseLostException}: leave it to the other node).
     *
     * @throws IllegalStateException when only this node's lease ran out and nobody took the batch: it
     *                               is finished at a later tick, once the lease is renewed
     */
    public void ensureHoldsBatch(long batchId) {
        if (!fence.active()) {
            return;
        }
        jdbc.inTransaction(connection -> {
            if (Jdbc.query(connection, "SELECT id FROM batch WHERE id = ? AND status = 'writing'" + fence.condition(),
                    row -> row.getLong(1), fence.params(batchId)).isEmpty()) {
                throw fence.lost(connection, batchId);
            }
            return null;
        });
    }

    /**
     * The file reached its destination: its claims become DELIVERED. A folder payer's batch comes here
     * straight from being written; an sftp or http payer's after {@link #markBatchWritten} and delivery.
     */
    public void markBatchDelivered(long batchId, String destination) {
        markBatchDone(batchId, "delivered", ClaimStatus.DELIVERED, destination, "delivered to " + destination);
    }

    /** A paper payer's PDF is in its folder, to be printed and mailed: its claims become PRINTED. */
    public void markBatchPrinted(long batchId, String destination) {
        markBatchDone(batchId, "printed", ClaimStatus.PRINTED, destination, "printed on a CMS-1500 in " + destination);
    }

    /**
     * The claims move {@link #CLAIMS_PER_TRANSACTION} at a time; the batch leaves 'writing' with the last
     * of them. A stop in between leaves the batch 'writing', recovered like any other: marked again, it
     * moves the claims still QUEUED.
     */
    private void markBatchDone(long batchId, String batchStatus, ClaimStatus claimStatus, String destination,
                               String detail) {
        boolean done = false;
        while (!done) {
            done = jdbc.inTransaction(connection -> {
                Instant now = clock.instant();
                // Fenced: a node whose lease ran out (and whose batch another node took over) changes nothing.
                if (fence.active() && Jdbc.update(connection, "UPDATE batch SET owner_node = owner_node WHERE id = ?"
                        + " AND status = 'writing'" + fence.condition(), fence.params(batchId)) == 0) {
                    throw fence.lost(connection, batchId);
                }
                if (DeliveryLedger.moveClaims(connection, batchId, ClaimStatus.QUEUED, claimStatus, now,
                        detail, claimsPerTransaction) == claimsPerTransaction) {
                    return false;
                }
                if (Jdbc.update(connection, "UPDATE batch SET status = ?, destination = ? WHERE id = ?"
                        + (fence.active() ? " AND status = 'writing'" : "") + fence.condition(),
                        fence.params(batchStatus, destination, batchId)) == 0 && fence.active()) {
                    throw fence.lost(connection, batchId);
                }
                return true;
            });
        }
    }

    /**
     * Takes over the batches whose file may not exist yet and whose writer is gone: its lease ran out
     * (it died or froze), or it stopped between the ledger commit and the rename. A batch a live node is
     * writing is left alone. The batches become this node's.
     *
     * @param includingOwn also this node's own (at start, when a node id is configured and reused)
     */
    public List<TakenBatch> takeOverUnfinishedBatches(boolean includingOwn) {
        if (!fence.active()) {
            return unfinishedBatches().stream().map(batch -> new TakenBatch(batch, null)).toList();
        }
        String nodeId = fence.nodeId();
        List<Object[]> taken = jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            String whose = includingOwn ? " AND (" + HubNodes.ownerLeaseExpired("b.owner_node") + " OR b.owner_node = ?)"
                    : " AND " + HubNodes.ownerLeaseExpired("b.owner_node") + " AND (b.owner_node IS NULL OR b.owner_node <> ?)";
            List<Object[]> rows = Jdbc.query(connection, "SELECT id, owner_node FROM batch b WHERE status = 'writing'"
                            + whose + " ORDER BY id FOR UPDATE SKIP LOCKED",
                    row -> new Object[]{row.getLong(1), row.getString(2)}, now, nodeId);
            for (Object[] row : rows) {
                Jdbc.update(connection, "UPDATE batch SET owner_node = ? WHERE id = ?", nodeId, row[0]);
            }
            return rows;
        });
        return taken.stream().map(row -> new TakenBatch(batch((Long) row[0]), (String) row[1])).toList();
    }

    /**
     * Batches whose file may not exist yet: the hub stopped between the ledger commit and the rename, or
     * could not write the file. With a node id, only this node's: another hub's are that hub's to write
     * (or to take over once its lease ran out, {@link #takeOverUnfinishedBatches}).
     */
    public List<Batch> unfinishedBatches() {
        List<long[]> rows = jdbc.query("SELECT id FROM batch WHERE status = 'writing'"
                        + (fence.active() ? " AND owner_node = ?" : "") + " ORDER BY id",
                row -> new long[]{row.getLong(1)}, fence.active() ? new Object[]{fence.nodeId()} : new Object[0]);
        return rows.stream().map(row -> batch(row[0])).toList();
    }

    private Batch batch(long batchId) {
        return jdbc.inTransaction(connection -> {
            List<String> st02s = Jdbc.query(connection, "SELECT DISTINCT st02 FROM claim WHERE batch_id = ? ORDER BY st02",
                    row -> row.getString(1), batchId);
            return Jdbc.query(connection, "SELECT id, payer_id, file_name, interchange_control_number, created_at"
                            + " FROM batch WHERE id = ?",
                    row -> new Batch(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), st02s,
                            Jdbc.instant(row.getTimestamp(5))), batchId).get(0);
        });
    }

    /** The claims of a batch, one list per transaction set, in ST02 order. */
    public List<List<PendingClaim>> claimsInBatch(long batchId) {
        Map<String, List<PendingClaim>> sets = new LinkedHashMap<>();
        jdbc.query("SELECT c.id, c.clinic_id, c.clm01, p.payload, c.received_at, c.st02"
                        + " FROM claim c LEFT JOIN claim_payload p ON p.claim_id = c.id WHERE c.batch_id = ? ORDER BY c.st02, c.id",
                row -> sets.computeIfAbsent(row.getString(6), k -> new ArrayList<>()).add(pendingClaim(row)), batchId);
        return new ArrayList<>(sets.values());
    }

    static PendingClaim pendingClaim(ResultSet row) throws SQLException {
        return new PendingClaim(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                Jdbc.instant(row.getTimestamp(5)));
    }
}
