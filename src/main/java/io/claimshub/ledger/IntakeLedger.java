package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intake side of the claim ledger: records each incoming claim, keyed by clinic + CLM01, with where it
 * came from, after the checks only the ledger can make (the same message again, a CLM01 already sent, a
 * probable duplicate service, an MSH-10 reused); a corrected claim replaces the one still waiting. Input
 * that never became a claim is recorded too. Thread-safe; every method is one transaction, so what a
 * caller was told is what is stored.
 */
public final class IntakeLedger {

    /** Statuses of a claim that went out to its payer and was not refused by it. */
    static final java.util.Set<ClaimStatus> SENT = java.util.EnumSet.of(ClaimStatus.QUEUED, ClaimStatus.SENDING,
            ClaimStatus.DELIVERED, ClaimStatus.ACKNOWLEDGED, ClaimStatus.ACCEPTED, ClaimStatus.PARTIALLY_PAID,
            ClaimStatus.PAID, ClaimStatus.DENIED);
    private static final String SENT_STATUSES = SENT.stream()
            .map(status -> "'" + status.name() + "'").collect(java.util.stream.Collectors.joining(", "));

    private final Jdbc jdbc;
    private final Clock clock;
    /**
     * Incoming claims share commits. Its single worker also serialises them, so two copies of one
     * clinic + CLM01 arriving at once cannot both become the live claim.
     */
    private final GroupCommit<IncomingClaim, IntakeOutcome> intakeCommits;

    public IntakeLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.intakeCommits = new GroupCommit<>(dataSource, GroupCommit.DEFAULT_WAIT,
                new IntakeGroupWriter(clock));
    }

    /** Where an input came from: kind file | mllp | cli | api, the file name, the HL7 MSH-10. */
    public record Source(String kind, String name, String controlId) {
    }

    /**
     * {@link Source#kind()} of a claim the hub built itself for the patient's next payer from an 835: it
     * may reuse the CLM01 sent to the earlier payer, and it replaces no claim waiting to be sent.
     */
    public static final String SECONDARY_SOURCE = "secondary";

    /**
     * A claim to record. {@code reasons} empty means it passed the edits.
     *
     * @param payerId     the payers.yaml id, null when no payer matched
     * @param contentHash hash of the claim's canonical JSON: equal claims, equal hashes
     */
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

    public IntakeOutcome recordClaim(IncomingClaim in) {
        return intakeCommits.run(in, connection -> record(connection, in, knownMessageHash(connection, in)));
    }

    /**
     * A claim from a live HL7 feed: as {@link #recordClaim}, except that an MSH-10 already used by this
     * clinic for a different message is refused ({@code CONTROL_ID_REUSED}) and nothing is recorded. The
     * check runs in the same serialised unit as the insert, so two connections sending different messages
     * under one control id at once cannot both be taken.
     */
    public IntakeOutcome recordMessage(IncomingClaim in) {
        return intakeCommits.run(in, connection -> recordMessage(connection, in));
    }

    /** {@link #recordMessage} for each claim, in order, in one shared commit (one group). */
    List<IntakeOutcome> recordMessages(List<IncomingClaim> claims) {
        return intakeCommits.runAll(claims, in -> connection -> recordMessage(connection, in));
    }

    private IntakeOutcome recordMessage(Connection connection, IncomingClaim in) throws SQLException {
        Optional<String> known = knownMessageHash(connection, in);
        if (known.isPresent() && !known.get().equals(in.contentHash())) {
            return new IntakeOutcome(0, IntakeOutcome.Kind.CONTROL_ID_REUSED, List.of(new Reason("MSH-10",
                    "CONTROL_ID_REUSED", "message control id " + in.source().controlId()
                    + " was already used for a different message; give each message its own MSH-10")));
        }
        return record(connection, in, known);
    }

    /** @param knownMessage the content hash already recorded for the input's MSH-10, if any */
    private IntakeOutcome record(Connection connection, IncomingClaim in, Optional<String> knownMessage)
            throws SQLException {
        Instant now = clock.instant();
        String clm01 = Jdbc.clip(in.clm01(), 64);
        List<Existing> existing = Jdbc.query(connection,
                "SELECT c.id, c.status, c.content_hash, b.file_name, c.updated_at, c.payer_id FROM claim c "
                        + "LEFT JOIN batch b ON b.id = c.batch_id WHERE c.clinic_id = ? AND c.clm01 = ? ORDER BY c.id",
                row -> new Existing(row.getLong(1), ClaimStatus.valueOf(row.getString(2)), row.getString(3),
                        row.getString(4), Jdbc.instant(row.getTimestamp(5)), row.getString(6)),
                in.clinicId(), clm01);
        for (Existing same : existing) {
            if (same.contentHash.equals(in.contentHash())) {
                Jdbc.addClaimEvent(connection, same.id, same.status, now, "duplicate received from " + describe(in.source()));
                rememberMessage(connection, in, knownMessage, same.id, now);
                List<Reason> reasons = same.status == ClaimStatus.REJECTED ? StoredReasons.ofClaim(connection, same.id) : List.of();
                return new IntakeOutcome(same.id, IntakeOutcome.Kind.DUPLICATE, reasons);
            }
        }
        List<Reason> reasons = new ArrayList<>(in.reasons());
        boolean replacement = replacement(in);
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
        long id = Jdbc.insert(connection, CLAIM_INSERT, claimRow(in, status, now));
        // The payload has a table of its own (V5): status updates then rewrite only the small claim rows.
        if (in.payloadJson() != null) {
            Jdbc.update(connection, PAYLOAD_INSERT, id, in.payloadJson());
        }
        Jdbc.addClaimEvent(connection, id, status, now, receivedDetail(in, reasons));
        List<Object[]> services = serviceRows(id, in, status);
        if (!services.isEmpty()) {
            // one JDBC batch for all the lines: one round trip to PostgreSQL instead of one per line
            Jdbc.batch(connection, SERVICE_INSERT, services);
        }
        List<Superseded> superseded = new ArrayList<>();
        if (status == ClaimStatus.VALIDATED && !secondary) {
            for (Existing older : existing) {
                if (older.status == ClaimStatus.VALIDATED) {
                    superseded.add(new Superseded(older.id, Jdbc.query(connection, "SELECT payload FROM claim_payload"
                            + " WHERE claim_id = ?", row -> row.getString(1), older.id).stream().findFirst().orElse(null)));
                    Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ?",
                            ClaimStatus.SUPERSEDED.name(), now, older.id);
                    Jdbc.addClaimEvent(connection, older.id, ClaimStatus.SUPERSEDED, now, "replaced by corrected claim " + id);
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
                    row -> probableDuplicate(service, in.payerId(), row.getString(1), row.getString(2),
                            Jdbc.instant(row.getTimestamp(3))),
                    in.payerId(), service.key(), in.clinicId(), Jdbc.clip(in.clm01(), 64)).stream().findFirst().ifPresent(reasons::add);
        }
        return reasons;
    }

    /** The reason of a line that matches a service of claim {@code clm01}, sent in {@code file} (null if none). */
    static Reason probableDuplicate(ServiceKey service, String payerId, String clm01, String file, Instant sentAt) {
        return new Reason(service.line(), "PROBABLE_DUPLICATE", "probable duplicate: the same patient, date of"
                + " service, procedure and modifiers were sent to payer " + payerId + " on claim " + clm01
                + (file == null ? "" : " in file " + file) + " on " + LocalDate.ofInstant(sentAt, ZoneOffset.UTC)
                + "; to correct that claim send a replacement (frequency 7) with the payer claim number");
    }

    /** A replacement (7) or void (8) of a claim sent earlier: never a CLM01 already sent or a probable duplicate. */
    static boolean replacement(IncomingClaim in) {
        return "7".equals(in.frequency()) || "8".equals(in.frequency());
    }

    private static final String CLAIM_INSERT = "INSERT INTO claim (clinic_id, clm01, frequency, original_payer_claim_number,"
            + " payer_id, total_charge, status, content_hash, source_kind, source_name, source_control_id,"
            + " received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAYLOAD_INSERT = "INSERT INTO claim_payload (claim_id, payload) VALUES (?, ?)";
    private static final String SERVICE_INSERT = "INSERT INTO claim_service (claim_id, payer_id, service_key) VALUES (?, ?, ?)";
    private static final String MESSAGE_INSERT = "INSERT INTO intake_message (clinic_id, control_id, content_hash, received_at,"
            + " claim_id) VALUES (?, ?, ?, ?, ?)";

    /**
     * The values of {@link #CLAIM_INSERT}. A rejected claim may carry values of any length (that can be why it
     * was rejected); the columns keep what identifies it, the payload keeps everything.
     */
    static Object[] claimRow(IncomingClaim in, ClaimStatus status, Instant now) {
        return new Object[]{in.clinicId(), Jdbc.clip(in.clm01(), 64), Jdbc.clip(in.frequency(), 1),
                Jdbc.clip(in.originalPayerClaimNumber(), 64), in.payerId(), amount(in.totalCharge()), status.name(),
                in.contentHash(), in.source().kind(), Jdbc.clip(in.source().name(), 255),
                Jdbc.clip(in.source().controlId(), 64), now, now};
    }

    /** The first line of a new claim's history. */
    static String receivedDetail(IncomingClaim in, List<Reason> reasons) {
        return reasons.isEmpty() ? "received from " + describe(in.source()) : StoredReasons.text(reasons);
    }

    /** The rows of {@link #SERVICE_INSERT} for a new claim: only a validated claim's services are kept. */
    static List<Object[]> serviceRows(long claimId, IncomingClaim in, ClaimStatus status) {
        if (status != ClaimStatus.VALIDATED || in.payerId() == null) {
            return List.of();
        }
        return in.services().stream().map(service -> new Object[]{claimId, in.payerId(), service.key()}).toList();
    }

    /** The values of {@link #MESSAGE_INSERT}; null when the input has no MSH-10. */
    static Object[] messageRow(IncomingClaim in, long claimId, Instant now) {
        if (in.source().controlId() == null || in.source().controlId().isBlank()) {
            return null;
        }
        return new Object[]{in.clinicId(), Jdbc.clip(in.source().controlId(), 64), in.contentHash(), now, claimId};
    }

    /** The content hash recorded for the input's MSH-10 by its clinic; empty when it has none or it is new. */
    private static Optional<String> knownMessageHash(Connection connection, IncomingClaim in) throws SQLException {
        String controlId = in.source().controlId();
        if (controlId == null || controlId.isBlank()) {
            return Optional.empty();
        }
        return Jdbc.query(connection, "SELECT content_hash FROM intake_message WHERE clinic_id = ? AND control_id = ?",
                row -> row.getString(1), in.clinicId(), Jdbc.clip(controlId, 64)).stream().findFirst();
    }

    private static void rememberMessage(Connection connection, IncomingClaim in, Optional<String> knownMessage,
                                        long claimId, Instant now) throws SQLException {
        Object[] row = messageRow(in, claimId, now);
        if (row != null && knownMessage.isEmpty()) {
            Jdbc.update(connection, MESSAGE_INSERT, row);
        }
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
            Jdbc.addClaimEvent(connection, claimId, ClaimStatus.SUPERSEDED, now, detail);
            return true;
        });
    }

    /** Adds a line to a claim's history without changing its status. */
    public void note(long claimId, String detail) {
        jdbc.inTransaction(connection -> {
            ClaimStatus status = ClaimStatus.valueOf(Jdbc.query(connection, "SELECT status FROM claim WHERE id = ?",
                    row -> row.getString(1), claimId).get(0));
            Jdbc.addClaimEvent(connection, claimId, status, clock.instant(), detail);
            return null;
        });
    }

    /** Input that never became a claim; returns its id in {@code rejected_input}. */
    public long recordUnreadable(String clinicId, Source source, int ordinal, List<Reason> reasons) {
        return jdbc.inTransaction(connection -> Jdbc.insert(connection,
                "INSERT INTO rejected_input (clinic_id, source_kind, source_name, message_ordinal, source_control_id,"
                        + " reasons, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                clinicId, source.kind(), Jdbc.clip(source.name(), 255), ordinal, Jdbc.clip(source.controlId(), 64),
                Jdbc.truncate(StoredReasons.text(reasons), 4000), clock.instant()));
    }

    private static String describe(Source source) {
        return source.kind() + (source.name() == null ? "" : " " + source.name())
                + (source.controlId() == null ? "" : " MSH-10 " + source.controlId());
    }

    /** DECIMAL(12,2) holds what a claim can bill; anything else is recorded as unknown (the edits rejected it). */
    private static BigDecimal amount(BigDecimal value) {
        if (value == null || value.scale() > 2 || value.abs().compareTo(new BigDecimal("9999999999.99")) > 0) {
            return null;
        }
        return value;
    }

    private record Existing(long id, ClaimStatus status, String contentHash, String batchFile, Instant updatedAt,
                            String payerId) {
    }
}
