package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The claim ledger: every claim's life, keyed by clinic + CLM01, with its status history, the batch
 * file and control numbers it went out in, and where it came from. Thread-safe. Every method is one
 * transaction, so what a caller was told is what is stored.
 */
public final class ClaimLedger {

    /** Statuses of a claim that went out to its payer and was not refused by it. */
    private static final String SENT_STATUSES = java.util.stream.Stream.of(ClaimStatus.QUEUED, ClaimStatus.SENDING,
                    ClaimStatus.DELIVERED, ClaimStatus.ACKNOWLEDGED, ClaimStatus.ACCEPTED, ClaimStatus.PARTIALLY_PAID,
                    ClaimStatus.PAID, ClaimStatus.DENIED)
            .map(status -> "'" + status.name() + "'").collect(java.util.stream.Collectors.joining(", "));

    /** Interchange control numbers have 9 digits; after the last one the counter starts again at 1. */
    private static final long MAX_CONTROL_NUMBER = 999_999_999L;

    private final Jdbc jdbc;
    private final Clock clock;
    /**
     * Incoming claims share commits. Its single worker also serialises them, so two copies of one
     * clinic + CLM01 arriving at once cannot both become the live claim.
     */
    private final GroupCommit intakeCommits;
    /** The hub node this ledger works for (its batches carry it); null for a tool working alone. */
    private final String nodeId;

    public ClaimLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** @param nodeId the {@link HubNodes} node whose lease fences this ledger's batch work */
    public ClaimLedger(DataSource dataSource, Clock clock, String nodeId) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.intakeCommits = new GroupCommit(dataSource);
        this.nodeId = nodeId;
    }

    /** Where an input came from: kind file | mllp | cli | api, the file name, the HL7 MSH-10. */
    public record Source(String kind, String name, String controlId) {
    }

    /**
     * A claim to record. {@code reasons} empty means it passed the edits.
     *
     * @param payerId     the payers.yaml id, null when no payer matched
     * @param contentHash hash of the claim's canonical JSON: equal claims, equal hashes
     */
    /**
     * {@link Source#kind()} of a claim the hub built itself for the patient's next payer from an 835: it
     * may reuse the CLM01 sent to the earlier payer, and it replaces no claim waiting to be sent.
     */
    public static final String SECONDARY_SOURCE = "secondary";

    public record IncomingClaim(String clinicId, String clm01, String frequency, String originalPayerClaimNumber,
                                String payerId, BigDecimal totalCharge, String payloadJson, String contentHash,
                                Source source, List<Reason> reasons, List<ServiceKey> services) {

        public IncomingClaim {
            services = services == null ? List.of() : List.copyOf(services);
        }

        /** A claim without service keys: never checked as a probable duplicate. */
        public IncomingClaim(String clinicId, String clm01, String frequency, String originalPayerClaimNumber,
                             String payerId, BigDecimal totalCharge, String payloadJson, String contentHash,
                             Source source, List<Reason> reasons) {
            this(clinicId, clm01, frequency, originalPayerClaimNumber, payerId, totalCharge, payloadJson, contentHash,
                    source, reasons, List.of());
        }
    }

    /**
     * @param claimId    0 for {@code CONTROL_ID_REUSED}: nothing was recorded
     * @param superseded the unsent claims this one replaced, with their payloads, so the caller can tell the
     *                   clinic about charges the replacement no longer holds
     */
    public record IntakeOutcome(long claimId, Kind kind, List<Reason> reasons, List<Superseded> superseded) {
        public enum Kind { ACCEPTED, REJECTED, DUPLICATE, CONTROL_ID_REUSED }

        public IntakeOutcome(long claimId, Kind kind, List<Reason> reasons) {
            this(claimId, kind, reasons, List.of());
        }
    }

    /** A claim replaced before it was sent, and its payload (null once purged). */
    public record Superseded(long claimId, String payloadJson) {
    }

    public record PendingClaim(long id, String clinicId, String clm01, String payloadJson, Instant receivedAt) {
    }

    /** One 837 file: ISA13 = GS06 = {@code interchangeControlNumber}; one ST02 per transaction set. */
    public record Batch(long id, String payerId, String fileName, long interchangeControlNumber, List<String> st02s,
                        Instant createdAt) {
    }

    /** A batch just made from waiting claims, with those claims (their payloads not loaded). */
    public record ClaimedBatch(Batch batch, List<PendingClaim> claims) {
    }

    /** A batch whose writing this node took over; {@code previousOwner} null when none was recorded. */
    public record TakenBatch(Batch batch, String previousOwner) {
    }

    public record ClaimRecord(long id, String clinicId, String clm01, String payerId, BigDecimal totalCharge,
                              ClaimStatus status, String sourceKind, String sourceName, String sourceControlId,
                              String batchFile, Long interchangeControlNumber, String st02, String payerClaimNumber,
                              Instant receivedAt, Instant updatedAt) {
    }

    public record ClaimEvent(Instant at, ClaimStatus status, String detail) {
    }

    public IntakeOutcome recordClaim(IncomingClaim in) {
        return intakeCommits.run(connection -> record(connection, in, knownMessageHash(connection, in)));
    }

    /**
     * A claim from a live HL7 feed: as {@link #recordClaim}, except that an MSH-10 already used by this
     * clinic for a different message is refused ({@code CONTROL_ID_REUSED}) and nothing is recorded. The
     * check runs in the same serialised unit as the insert, so two connections sending different messages
     * under one control id at once cannot both be taken.
     */
    public IntakeOutcome recordMessage(IncomingClaim in) {
        return intakeCommits.run(connection -> {
            Optional<String> known = knownMessageHash(connection, in);
            if (known.isPresent() && !known.get().equals(in.contentHash())) {
                return new IntakeOutcome(0, IntakeOutcome.Kind.CONTROL_ID_REUSED, List.of(new Reason("MSH-10",
                        "CONTROL_ID_REUSED", "message control id " + in.source().controlId()
                        + " was already used for a different message; give each message its own MSH-10")));
            }
            return record(connection, in, known);
        });
    }

    /** @param knownMessage the content hash already recorded for the input's MSH-10, if any */
    private IntakeOutcome record(Connection connection, IncomingClaim in, Optional<String> knownMessage)
            throws SQLException {
        Instant now = clock.instant();
        String clm01 = clip(in.clm01(), 64);
        List<Existing> existing = Jdbc.query(connection,
                "SELECT c.id, c.status, c.content_hash, b.file_name, c.updated_at, c.payer_id FROM claim c "
                        + "LEFT JOIN batch b ON b.id = c.batch_id WHERE c.clinic_id = ? AND c.clm01 = ? ORDER BY c.id",
                row -> new Existing(row.getLong(1), ClaimStatus.valueOf(row.getString(2)), row.getString(3),
                        row.getString(4), Jdbc.instant(row.getTimestamp(5)), row.getString(6)),
                in.clinicId(), clm01);
        for (Existing same : existing) {
            if (same.contentHash.equals(in.contentHash())) {
                addEvent(connection, same.id, same.status, now, "duplicate received from " + describe(in.source()));
                rememberMessage(connection, in, knownMessage, same.id, now);
                List<Reason> reasons = same.status == ClaimStatus.REJECTED ? reasonsOf(connection, same.id) : List.of();
                return new IntakeOutcome(same.id, IntakeOutcome.Kind.DUPLICATE, reasons);
            }
        }
        List<Reason> reasons = new ArrayList<>(in.reasons());
        boolean replacement = "7".equals(in.frequency()) || "8".equals(in.frequency());
        boolean secondary = SECONDARY_SOURCE.equals(in.source().kind());
        if (reasons.isEmpty() && !replacement) {
            // The hub's own claim to the next payer reuses the CLM01 the earlier payer was sent: the same visit.
            existing.stream().filter(e -> e.status.rank() >= ClaimStatus.QUEUED.rank())
                    .filter(e -> !secondary || java.util.Objects.equals(e.payerId, in.payerId())).findFirst().ifPresent(sent ->
                    reasons.add(new Reason("claim", "CLM01_ALREADY_SENT", "patient control number " + in.clm01()
                            + " was already sent in file " + sent.batchFile + " on "
                            + LocalDate.ofInstant(sent.updatedAt, ZoneOffset.UTC)
                            + "; send a replacement (frequency 7) or void (8) with the payer claim number")));
        }
        if (reasons.isEmpty() && !replacement) {
            reasons.addAll(probableDuplicates(connection, in));
        }
        ClaimStatus status = reasons.isEmpty() ? ClaimStatus.VALIDATED : ClaimStatus.REJECTED;
        // A rejected claim may carry values of any length (that can be why it was rejected); the columns
        // keep what identifies it, the payload keeps everything.
        long id = Jdbc.insert(connection, "INSERT INTO claim (clinic_id, clm01, frequency, original_payer_claim_number,"
                        + " payer_id, total_charge, status, content_hash, source_kind, source_name, source_control_id,"
                        + " received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                in.clinicId(), clip(in.clm01(), 64), clip(in.frequency(), 1), clip(in.originalPayerClaimNumber(), 64),
                in.payerId(), amount(in.totalCharge()), status.name(), in.contentHash(), in.source().kind(),
                clip(in.source().name(), 255), clip(in.source().controlId(), 64), now, now);
        // The payload has a table of its own (V5): status updates then rewrite only the small claim rows.
        if (in.payloadJson() != null) {
            Jdbc.update(connection, "INSERT INTO claim_payload (claim_id, payload) VALUES (?, ?)", id, in.payloadJson());
        }
        addEvent(connection, id, status, now, status == ClaimStatus.REJECTED ? reasonsText(reasons)
                : "received from " + describe(in.source()));
        if (status == ClaimStatus.VALIDATED && in.payerId() != null) {
            for (ServiceKey service : in.services()) {
                Jdbc.update(connection, "INSERT INTO claim_service (claim_id, payer_id, service_key) VALUES (?, ?, ?)",
                        id, in.payerId(), service.key());
            }
        }
        List<Superseded> superseded = new ArrayList<>();
        if (status == ClaimStatus.VALIDATED && !secondary) {
            for (Existing older : existing) {
                if (older.status == ClaimStatus.VALIDATED) {
                    superseded.add(new Superseded(older.id, Jdbc.query(connection, "SELECT payload FROM claim_payload"
                            + " WHERE claim_id = ?", row -> row.getString(1), older.id).stream().findFirst().orElse(null)));
                    Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ?",
                            ClaimStatus.SUPERSEDED.name(), now, older.id);
                    addEvent(connection, older.id, ClaimStatus.SUPERSEDED, now, "replaced by corrected claim " + id);
                }
            }
        }
        rememberMessage(connection, in, knownMessage, id, now);
        return new IntakeOutcome(id, status == ClaimStatus.VALIDATED ? IntakeOutcome.Kind.ACCEPTED
                : IntakeOutcome.Kind.REJECTED, reasons, superseded);
    }

    /**
     * Lines whose patient, date of service, procedure and modifiers match a service of another claim already
     * sent to the same payer (a payer denies the second one as a duplicate; clearinghouses run this edit).
     * A claim the payer never took (dead delivery, rejected by the payer) does not count.
     */
    private static List<Reason> probableDuplicates(Connection connection, IncomingClaim in) throws SQLException {
        List<Reason> reasons = new ArrayList<>();
        if (in.payerId() == null) {
            return reasons;
        }
        for (ServiceKey service : in.services()) {
            Jdbc.query(connection, "SELECT c.clm01, b.file_name, c.updated_at FROM claim_service s"
                            + " JOIN claim c ON c.id = s.claim_id LEFT JOIN batch b ON b.id = c.batch_id"
                            + " WHERE s.payer_id = ? AND s.service_key = ? AND c.status IN (" + SENT_STATUSES + ")"
                            + " AND NOT (c.clinic_id = ? AND c.clm01 = ?) ORDER BY c.id",
                    row -> new Reason(service.line(), "PROBABLE_DUPLICATE", "probable duplicate: the same patient, date of"
                            + " service, procedure and modifiers were sent to payer " + in.payerId() + " on claim "
                            + row.getString(1) + (row.getString(2) == null ? "" : " in file " + row.getString(2))
                            + " on " + LocalDate.ofInstant(Jdbc.instant(row.getTimestamp(3)), ZoneOffset.UTC)
                            + "; to correct that claim send a replacement (frequency 7) with the payer claim number"),
                    in.payerId(), service.key(), in.clinicId(), clip(in.clm01(), 64)).stream().findFirst().ifPresent(reasons::add);
        }
        return reasons;
    }

    /** The content hash recorded for the input's MSH-10 by its clinic; empty when it has none or it is new. */
    private static Optional<String> knownMessageHash(Connection connection, IncomingClaim in) throws SQLException {
        String controlId = in.source().controlId();
        if (controlId == null || controlId.isBlank()) {
            return Optional.empty();
        }
        return Jdbc.query(connection, "SELECT content_hash FROM intake_message WHERE clinic_id = ? AND control_id = ?",
                row -> row.getString(1), in.clinicId(), clip(controlId, 64)).stream().findFirst();
    }

    private static void rememberMessage(Connection connection, IncomingClaim in, Optional<String> knownMessage,
                                        long claimId, Instant now) throws SQLException {
        if (in.source().controlId() == null || in.source().controlId().isBlank() || knownMessage.isPresent()) {
            return;
        }
        Jdbc.update(connection, "INSERT INTO intake_message (clinic_id, control_id, content_hash, received_at, claim_id)"
                + " VALUES (?, ?, ?, ?, ?)", in.clinicId(), clip(in.source().controlId(), 64), in.contentHash(), now, claimId);
    }

    /**
     * A claim not yet in a batch is taken back (SUPERSEDED with {@code detail}): charge capture does this when
     * every charge of its encounter was reversed before it went out.
     *
     * @return false when the claim is no longer waiting for a batch (it went out; nothing changed)
     */
    public boolean withdraw(long claimId, String detail) {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            if (Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    ClaimStatus.SUPERSEDED.name(), now, claimId, ClaimStatus.VALIDATED.name()) != 1) {
                return false;
            }
            addEvent(connection, claimId, ClaimStatus.SUPERSEDED, now, detail);
            return true;
        });
    }

    /** Adds a line to a claim's history without changing its status. */
    public void note(long claimId, String detail) {
        jdbc.inTransaction(connection -> {
            ClaimStatus status = ClaimStatus.valueOf(Jdbc.query(connection, "SELECT status FROM claim WHERE id = ?",
                    row -> row.getString(1), claimId).get(0));
            addEvent(connection, claimId, status, clock.instant(), detail);
            return null;
        });
    }

    /** Input that never became a claim; returns its id in {@code rejected_input}. */
    public long recordUnreadable(String clinicId, Source source, int ordinal, List<Reason> reasons) {
        return jdbc.inTransaction(connection -> Jdbc.insert(connection,
                "INSERT INTO rejected_input (clinic_id, source_kind, source_name, message_ordinal, source_control_id,"
                        + " reasons, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                clinicId, source.kind(), clip(source.name(), 255), ordinal, clip(source.controlId(), 64),
                truncate(reasonsText(reasons), 4000), clock.instant()));
    }

    public List<PendingClaim> pendingClaims(String payerId, int limit) {
        return jdbc.inTransaction(connection -> {
            try (var statement = connection.prepareStatement("SELECT c.id, c.clinic_id, c.clm01, p.payload, c.received_at"
                    + " FROM claim c LEFT JOIN claim_payload p ON p.claim_id = c.id"
                    + " WHERE c.payer_id = ? AND c.status = ? ORDER BY c.id")) {
                statement.setMaxRows(limit);
                statement.setString(1, payerId);
                statement.setString(2, ClaimStatus.VALIDATED.name());
                try (ResultSet rows = statement.executeQuery()) {
                    List<PendingClaim> pending = new ArrayList<>();
                    while (rows.next() && pending.size() < limit) {
                        pending.add(pendingClaim(rows));
                    }
                    return pending;
                }
            }
        });
    }

    public int countPending(String payerId) {
        return jdbc.query("SELECT COUNT(*) FROM claim WHERE payer_id = ? AND status = ?",
                row -> row.getInt(1), payerId, ClaimStatus.VALIDATED.name()).get(0);
    }

    public Optional<Instant> oldestPending(String payerId) {
        return Optional.ofNullable(jdbc.query("SELECT MIN(received_at) FROM claim WHERE payer_id = ? AND status = ?",
                row -> Jdbc.instant(row.getTimestamp(1)), payerId, ClaimStatus.VALIDATED.name()).get(0));
    }

    /**
     * Puts claims into a new batch file in one transaction: takes {@code claimIdsPerSet.size()} numbers
     * from the payer's counter (ISA13 = GS06 = the first, ST02 of set i = first + i), records the batch
     * as being written and the claims as QUEUED in it.
     *
     * @throws LedgerException when a claim is no longer waiting for a batch (nothing is changed then)
     */
    public Batch createBatch(String payerId, LongFunction<String> fileNameForControlNumber, List<List<Long>> claimIdsPerSet) {
        return jdbc.inTransaction(connection -> insertBatch(connection, payerId, fileNameForControlNumber, claimIdsPerSet));
    }

    /**
     * Makes a batch of up to {@code limit} of the payer's waiting claims, oldest first, as {@link #createBatch}
     * does, in one transaction. The claims are locked as they are chosen and claims another hub has just
     * locked are skipped, so hubs batching the same payer at once each take different claims.
     *
     * @return empty when no claim waits (or every waiting one is being batched by another hub)
     */
    public Optional<ClaimedBatch> batchPendingClaims(String payerId, int limit, LongFunction<String> fileNameForControlNumber) {
        return jdbc.inTransaction(connection -> {
            List<PendingClaim> claims = Jdbc.query(connection, "SELECT id, clinic_id, clm01, received_at FROM claim"
                            + " WHERE payer_id = ? AND status = ? ORDER BY id FETCH FIRST " + limit
                            + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                    row -> new PendingClaim(row.getLong(1), row.getString(2), row.getString(3), null,
                            Jdbc.instant(row.getTimestamp(4))), payerId, ClaimStatus.VALIDATED.name());
            if (claims.isEmpty()) {
                return Optional.<ClaimedBatch>empty();
            }
            Map<String, List<Long>> byClinic = new LinkedHashMap<>();
            claims.forEach(claim -> byClinic.computeIfAbsent(claim.clinicId(), id -> new ArrayList<>()).add(claim.id()));
            Batch batch = insertBatch(connection, payerId, fileNameForControlNumber, new ArrayList<>(byClinic.values()));
            return Optional.of(new ClaimedBatch(batch, claims));
        });
    }

    /**
     * Raises the payer's counter to {@code highestUsed} if it is lower, so the next batch never reuses an
     * interchange control number found in a file already written (a ledger restored from an older backup,
     * or begun anew with {@code --new-ledger}).
     *
     * @return true when the counter was raised
     */
    public boolean keepControlNumbersAbove(String payerId, long highestUsed) {
        return jdbc.inTransaction(connection -> {
            if (lockCounter(connection, payerId) < highestUsed) {
                Jdbc.update(connection, "UPDATE control_counter SET last_value = ? WHERE payer_id = ?", highestUsed, payerId);
                return true;
            }
            return false;
        });
    }

    private Batch insertBatch(Connection connection, String payerId, LongFunction<String> fileNameForControlNumber,
                              List<List<Long>> claimIdsPerSet) throws SQLException {
        Instant now = clock.instant();
        long first = nextControlNumbers(connection, payerId, claimIdsPerSet.size());
        String fileName = fileNameForControlNumber.apply(first);
        int count = claimIdsPerSet.stream().mapToInt(List::size).sum();
        long batchId = Jdbc.insert(connection, "INSERT INTO batch (payer_id, file_name, interchange_control_number,"
                + " created_at, status, claim_count, owner_node) VALUES (?, ?, ?, ?, ?, ?, ?)", payerId, fileName, first, now,
                "writing", count, nodeId);
        List<String> st02s = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>(count);
        List<Object[]> events = new ArrayList<>(count);
        for (int set = 0; set < claimIdsPerSet.size(); set++) {
            String st02 = String.format("%09d", wrap(first + set));
            st02s.add(st02);
            String detail = "in file " + fileName + " ISA13 " + String.format("%09d", first) + " ST02 " + st02;
            for (long claimId : claimIdsPerSet.get(set)) {
                updates.add(new Object[]{ClaimStatus.QUEUED.name(), batchId, st02, now, claimId, ClaimStatus.VALIDATED.name()});
                events.add(new Object[]{claimId, now, ClaimStatus.QUEUED.name(), truncate(detail, 4000)});
            }
        }
        // JDBC batches: a statement per claim made this the batch writer's biggest cost
        int[] updated = Jdbc.batch(connection, "UPDATE claim SET status = ?, batch_id = ?, st02 = ?, updated_at = ?"
                + " WHERE id = ? AND status = ?", updates);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 1) {
                throw new LedgerException("claim " + updates.get(i)[4] + " is not waiting for a batch; batch " + fileName
                        + " was not created");
            }
        }
        Jdbc.batch(connection, "INSERT INTO claim_event (claim_id, at, status, detail) VALUES (?, ?, ?, ?)", events);
        return new Batch(batchId, payerId, fileName, first, st02s, now);
    }

    private static long nextControlNumbers(Connection connection, String payerId, int count) throws SQLException {
        long first = wrap(lockCounter(connection, payerId) + 1);
        Jdbc.update(connection, "UPDATE control_counter SET last_value = ? WHERE payer_id = ?", wrap(first + count - 1),
                payerId);
        return first;
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

    private static long wrap(long number) {
        return number > MAX_CONTROL_NUMBER ? number - MAX_CONTROL_NUMBER : number;
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
                    + fence(), fenced(status, batchId)) == 0 && nodeId != null) {
                throw lostBatch(connection, batchId);
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
        if (nodeId == null) {
            return;
        }
        jdbc.inTransaction(connection -> {
            if (Jdbc.query(connection, "SELECT id FROM batch WHERE id = ? AND status = 'writing'" + fence(),
                    row -> row.getLong(1), fenced(batchId)).isEmpty()) {
                throw lostBatch(connection, batchId);
            }
            return null;
        });
    }

    /** The condition that the batch is this node's and this node's lease runs; nothing without a node. */
    private String fence() {
        return nodeId == null ? "" : " AND owner_node = ? AND EXISTS (SELECT 1 FROM hub_node n"
                + " WHERE n.node_id = ? AND n.lease_until > ?)";
    }

    private Object[] fenced(Object... params) {
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
    private RuntimeException lostBatch(Connection connection, long batchId) throws SQLException {
        String owner = Jdbc.query(connection, "SELECT owner_node FROM batch WHERE id = ?", row -> row.getString(1), batchId)
                .stream().findFirst().orElse(null);
        if (nodeId.equals(owner)) {
            return new IllegalStateException("the lease of hub node " + nodeId + " ran out before batch " + batchId
                    + " was finished; it is finished once the lease is renewed");
        }
        return new LeaseLostException("batch " + batchId + " is no longer this node's to finish (lease of " + nodeId
                + " ran out; now held by " + owner + ")");
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

    private void markBatchDone(long batchId, String batchStatus, ClaimStatus claimStatus, String destination,
                               String detail) {
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            // The commit is fenced: a node whose lease ran out (and whose batch another node took over)
            // changes nothing here.
            if (Jdbc.update(connection, "UPDATE batch SET status = ?, destination = ? WHERE id = ?"
                    + (nodeId == null ? "" : " AND status = 'writing'") + fence(),
                    fenced(batchStatus, destination, batchId)) == 0 && nodeId != null) {
                throw lostBatch(connection, batchId);
            }
            // Set-based: a batch holds up to batch.maxClaims claims, and a statement per claim made this the
            // batch writer's biggest cost.
            Jdbc.update(connection, "INSERT INTO claim_event (claim_id, at, status, detail) SELECT id, ?, ?, ? FROM claim"
                            + " WHERE batch_id = ? AND status = ? ORDER BY id", now, claimStatus.name(),
                    truncate(detail, 4000), batchId, ClaimStatus.QUEUED.name());
            return Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE batch_id = ? AND status = ?",
                    claimStatus.name(), now, batchId, ClaimStatus.QUEUED.name());
        });
    }

    /**
     * Takes over the batches whose file may not exist yet and whose writer is gone: its lease ran out
     * (it died or froze), or it stopped between the ledger commit and the rename. A batch a live node is
     * writing is left alone. The batches become this node's.
     *
     * @param includingOwn also this node's own (at start, when a node id is configured and reused)
     */
    public List<TakenBatch> takeOverUnfinishedBatches(boolean includingOwn) {
        if (nodeId == null) {
            return unfinishedBatches().stream().map(batch -> new TakenBatch(batch, null)).toList();
        }
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
                        + (nodeId == null ? "" : " AND owner_node = ?") + " ORDER BY id",
                row -> new long[]{row.getLong(1)}, nodeId == null ? new Object[0] : new Object[]{nodeId});
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

    public Optional<ClaimRecord> claim(long id) {
        return jdbc.query(CLAIM_SELECT + " WHERE c.id = ?", ClaimLedger::claimRecord, id).stream().findFirst();
    }

    public List<ClaimRecord> findByClm01(String clinicId, String clm01) {
        return jdbc.query(CLAIM_SELECT + " WHERE c.clinic_id = ? AND c.clm01 = ? ORDER BY c.id",
                ClaimLedger::claimRecord, clinicId, clm01);
    }

    public List<ClaimEvent> history(long claimId) {
        return jdbc.query("SELECT at, status, detail FROM claim_event WHERE claim_id = ? ORDER BY id",
                row -> new ClaimEvent(Jdbc.instant(row.getTimestamp(1)), ClaimStatus.valueOf(row.getString(2)),
                        row.getString(3)), claimId);
    }

    static final String CLAIM_SELECT = "SELECT c.id, c.clinic_id, c.clm01, c.payer_id, c.total_charge, c.status,"
            + " c.source_kind, c.source_name, c.source_control_id, b.file_name, b.interchange_control_number, c.st02,"
            + " c.payer_claim_number, c.received_at, c.updated_at FROM claim c LEFT JOIN batch b ON b.id = c.batch_id";

    static ClaimRecord claimRecord(ResultSet row) throws SQLException {
        long icn = row.getLong(11);
        return new ClaimRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getBigDecimal(5), ClaimStatus.valueOf(row.getString(6)), row.getString(7), row.getString(8),
                row.getString(9), row.getString(10), row.wasNull() ? null : icn, row.getString(12), row.getString(13),
                Jdbc.instant(row.getTimestamp(14)), Jdbc.instant(row.getTimestamp(15)));
    }

    private static PendingClaim pendingClaim(ResultSet row) throws SQLException {
        return new PendingClaim(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                Jdbc.instant(row.getTimestamp(5)));
    }

    static void addEvent(Connection connection, long claimId, ClaimStatus status, Instant at, String detail)
            throws SQLException {
        Jdbc.insert(connection, "INSERT INTO claim_event (claim_id, at, status, detail) VALUES (?, ?, ?, ?)",
                claimId, at, status.name(), truncate(detail, 4000));
    }

    private static List<Reason> reasonsOf(Connection connection, long claimId) throws SQLException {
        List<String> details = Jdbc.query(connection, "SELECT detail FROM claim_event WHERE claim_id = ? AND status = ?"
                + " ORDER BY id", row -> row.getString(1), claimId, ClaimStatus.REJECTED.name());
        if (details.isEmpty() || details.get(0) == null) {
            return List.of();
        }
        return details.get(0).lines().map(ClaimLedger::parseReason).toList();
    }

    /** Reasons are stored one per line as "where: message [CODE]". */
    private static String reasonsText(List<Reason> reasons) {
        return String.join("\n", reasons.stream().map(r -> r.text() + " [" + r.code() + "]").toList());
    }

    /** A reason as stored ("where: message [CODE]"), read back. */
    public static Reason parseReason(String line) {
        int colon = line.indexOf(": ");
        int code = line.lastIndexOf(" [");
        if (colon < 0 || code < colon) {
            return new Reason("claim", "UNKNOWN", line);
        }
        return new Reason(line.substring(0, colon), line.substring(code + 2, line.length() - 1),
                line.substring(colon + 2, code));
    }

    private static String describe(Source source) {
        return source.kind() + (source.name() == null ? "" : " " + source.name())
                + (source.controlId() == null ? "" : " MSH-10 " + source.controlId());
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** DECIMAL(12,2) holds what a claim can bill; anything else is recorded as unknown (the edits rejected it). */
    private static BigDecimal amount(BigDecimal value) {
        if (value == null || value.scale() > 2 || value.abs().compareTo(new BigDecimal("9999999999.99")) > 0) {
            return null;
        }
        return value;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private record Existing(long id, ClaimStatus status, String contentHash, String batchFile, Instant updatedAt,
                            String payerId) {
    }
}
