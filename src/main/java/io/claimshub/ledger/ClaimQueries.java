package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.ledger.BatchLedger.PendingClaim;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What operators ask the ledger: claims by clinic, payer, status, received date and CLM01, one claim's
 * record, history, stored payload and reasons, the claims waiting for their batch, and the batches whose
 * delivery failed for good (dead letters).
 */
public final class ClaimQueries {

    /** Batch status the delivery flow sets when it gave up on a file. */
    public static final String DEAD = "DEAD";

    private final Jdbc jdbc;
    private final Clock clock;

    public ClaimQueries(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * Search criteria; null means any. Dates are UTC days, both ends included.
     */
    public record Filter(String clinicId, String payerId, ClaimStatus status, LocalDate receivedFrom,
                         LocalDate receivedTo, String clm01, Set<String> clinics) {
        public Filter {
            clinics = Set.copyOf(clinics);
        }

        public Filter(String clinicId, String payerId, ClaimStatus status, LocalDate receivedFrom, LocalDate receivedTo,
                      String clm01) {
            this(clinicId, payerId, status, receivedFrom, receivedTo, clm01, Set.of());
        }

        /** The same criteria, limited to these clinics (empty: every clinic). */
        public Filter within(Set<String> clinicIds) {
            return new Filter(clinicId, payerId, status, receivedFrom, receivedTo, clm01, clinicIds);
        }
    }

    /** One page of results and how many there are in all. */
    public record Page<T>(List<T> items, long total, int limit, int offset) {
    }

    public record DeadBatch(long id, String payerId, String fileName, long interchangeControlNumber, int claimCount,
                            Instant createdAt, String lastError) {
    }

    public record ClaimRecord(long id, String clinicId, String clm01, String payerId, BigDecimal totalCharge,
                              ClaimStatus status, String sourceKind, String sourceName, String sourceControlId,
                              String batchFile, Long interchangeControlNumber, String st02, String payerClaimNumber,
                              Instant receivedAt, Instant updatedAt) {
    }

    public record ClaimEvent(Instant at, ClaimStatus status, String detail) {
    }

    /** Newest claims first. */
    public Page<ClaimRecord> search(Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        condition(where, params, "c.clinic_id = ?", filter.clinicId());
        clinicsCondition(where, params, "c.clinic_id", filter.clinics());
        condition(where, params, "c.payer_id = ?", filter.payerId());
        condition(where, params, "c.status = ?", filter.status() == null ? null : filter.status().name());
        condition(where, params, "c.clm01 = ?", filter.clm01());
        condition(where, params, "c.received_at >= ?", filter.receivedFrom() == null ? null
                : filter.receivedFrom().atStartOfDay().toInstant(ZoneOffset.UTC));
        condition(where, params, "c.received_at < ?", filter.receivedTo() == null ? null
                : filter.receivedTo().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return jdbc.inTransaction(connection -> {
            long total = Jdbc.query(connection, "SELECT COUNT(*) FROM claim c" + where, row -> row.getLong(1),
                    params.toArray()).get(0);
            List<Object> paged = new ArrayList<>(params);
            paged.add(limit);
            paged.add(offset);
            List<ClaimRecord> items = Jdbc.query(connection, CLAIM_SELECT + where
                    + " ORDER BY c.id DESC LIMIT ? OFFSET ?", ClaimQueries::claimRecord, paged.toArray());
            return new Page<>(items, total, limit, offset);
        });
    }

    public Optional<ClaimRecord> claim(long id) {
        return jdbc.query(CLAIM_SELECT + " WHERE c.id = ?", ClaimQueries::claimRecord, id).stream().findFirst();
    }

    public List<ClaimRecord> findByClm01(String clinicId, String clm01) {
        return jdbc.query(CLAIM_SELECT + " WHERE c.clinic_id = ? AND c.clm01 = ? ORDER BY c.id",
                ClaimQueries::claimRecord, clinicId, clm01);
    }

    public List<ClaimEvent> history(long claimId) {
        return jdbc.query("SELECT at, status, detail FROM claim_event WHERE claim_id = ? ORDER BY id",
                row -> new ClaimEvent(Jdbc.instant(row.getTimestamp(1)), ClaimStatus.valueOf(row.getString(2)),
                        row.getString(3)), claimId);
    }

    /** Up to {@code limit} of the payer's claims waiting for a batch, oldest first, with their payloads. */
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
                        pending.add(BatchLedger.pendingClaim(rows));
                    }
                    return pending;
                }
            }
        });
    }

    /** How many of the payer's claims wait for a batch. */
    public int countPending(String payerId) {
        return jdbc.query("SELECT COUNT(*) FROM claim WHERE payer_id = ? AND status = ?",
                row -> row.getInt(1), payerId, ClaimStatus.VALIDATED.name()).get(0);
    }

    /** When the oldest of the payer's claims waiting for a batch was received. */
    public Optional<Instant> oldestPending(String payerId) {
        return Optional.ofNullable(jdbc.query("SELECT MIN(received_at) FROM claim WHERE payer_id = ? AND status = ?",
                row -> Jdbc.instant(row.getTimestamp(1)), payerId, ClaimStatus.VALIDATED.name()).get(0));
    }

    /** How many claims have one status and payer (payer null: rejected before a payer was known). */
    public record StatusCount(ClaimStatus status, String payerId, long count) {
    }

    /** Claim counts by status and payer, in status order (the order of {@link ClaimStatus}), then payer. */
    public List<StatusCount> countsByStatusAndPayer() {
        return countsByStatusAndPayer(Set.of());
    }

    /** The same, counting only the claims of these clinics (empty: every clinic). */
    public List<StatusCount> countsByStatusAndPayer(Set<String> clinics) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        clinicsCondition(where, params, "clinic_id", clinics);
        List<StatusCount> counts = new ArrayList<>(jdbc.query(
                "SELECT status, payer_id, COUNT(*) FROM claim" + where + " GROUP BY status, payer_id",
                row -> new StatusCount(ClaimStatus.valueOf(row.getString(1)), row.getString(2), row.getLong(3)),
                params.toArray()));
        counts.sort(java.util.Comparator.comparing(StatusCount::status)
                .thenComparing(StatusCount::payerId, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return counts;
    }

    /** The claim's canonical JSON as received; empty when there is no such claim or it was purged. */
    public Optional<String> payload(long claimId) {
        return jdbc.query("SELECT payload FROM claim_payload WHERE claim_id = ?", row -> row.getString(1), claimId).stream()
                .findFirst();
    }

    /** When the retention purge removed the claim's patient data, if it did. */
    public Optional<Instant> payloadPurgedAt(long claimId) {
        return jdbc.query("SELECT payload_purged_at FROM claim WHERE id = ?",
                row -> Jdbc.instant(row.getTimestamp(1)), claimId).stream().filter(at -> at != null).findFirst();
    }

    /** Why the claim was rejected (its first rejection), empty when it never was. */
    public List<Reason> reasons(long claimId) {
        return jdbc.inTransaction(connection -> StoredReasons.ofClaim(connection, claimId));
    }

    /** The batch's status (writing, written, delivered, DEAD, ...), if the claim is in one. */
    public Optional<String> batchStatus(long claimId) {
        return jdbc.query("SELECT b.status FROM claim c JOIN batch b ON b.id = c.batch_id WHERE c.id = ?",
                row -> row.getString(1), claimId).stream().findFirst();
    }

    /** Batches the delivery flow gave up on, oldest first, with the last error recorded on their claims. */
    public List<DeadBatch> deadBatches() {
        return jdbc.query("SELECT b.id, b.payer_id, b.file_name, b.interchange_control_number, b.claim_count, b.created_at,"
                        + " (SELECT e.detail FROM claim_event e JOIN claim c ON c.id = e.claim_id"
                        + "  WHERE c.batch_id = b.id AND e.status = ? ORDER BY e.id DESC LIMIT 1)"
                        + " FROM batch b WHERE UPPER(b.status) = ? ORDER BY b.id",
                row -> new DeadBatch(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getInt(5),
                        Jdbc.instant(row.getTimestamp(6)), row.getString(7)),
                ClaimStatus.DEAD.name(), DEAD);
    }

    private static final String CLAIM_SELECT = "SELECT c.id, c.clinic_id, c.clm01, c.payer_id, c.total_charge, c.status,"
            + " c.source_kind, c.source_name, c.source_control_id, b.file_name, b.interchange_control_number, c.st02,"
            + " c.payer_claim_number, c.received_at, c.updated_at FROM claim c LEFT JOIN batch b ON b.id = c.batch_id";

    private static ClaimRecord claimRecord(ResultSet row) throws SQLException {
        long icn = row.getLong(11);
        return new ClaimRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getBigDecimal(5), ClaimStatus.valueOf(row.getString(6)), row.getString(7), row.getString(8),
                row.getString(9), row.getString(10), row.wasNull() ? null : icn, row.getString(12), row.getString(13),
                Jdbc.instant(row.getTimestamp(14)), Jdbc.instant(row.getTimestamp(15)));
    }

    private static void clinicsCondition(StringBuilder where, List<Object> params, String column, Set<String> clinics) {
        if (!clinics.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(clinics.size(), "?"))).append(')');
            params.addAll(new java.util.TreeSet<>(clinics));
        }
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.add(value);
        }
    }
}
