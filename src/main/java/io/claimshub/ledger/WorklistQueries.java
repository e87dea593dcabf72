package io.claimshub.ledger;

import io.claimshub.claim.Reason;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the dashboard's "Needs attention" lists ask the ledger: claims in a status a clerk must act on
 * (with their payload, for the patient's name and the date of service, and the event that put them
 * there, for the reason), and the inputs that never became a claim. Plain JDBC, no Camel.
 */
public final class WorklistQueries {

    private final Jdbc jdbc;
    private final Clock clock;

    public WorklistQueries(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * A claim waiting for a clerk.
     *
     * @param payload the claim as received; null once the retention purge removed it
     * @param detail  the detail of the latest event that set the claim's current status (why it is there)
     */
    public record AttentionClaim(long id, String clinicId, String clm01, String payerId, BigDecimal totalCharge,
                                 ClaimStatus status, Instant updatedAt, String batchFile, String payload,
                                 String detail) {
    }

    /** An input (HL7 message, JSON claim, file) that never became a claim, with its reasons. */
    public record RejectedInput(long id, String clinicId, String sourceKind, String sourceName, int messageOrdinal,
                                  String controlId, List<Reason> reasons, Instant receivedAt) {
    }

    /** A claim an 835 paid (or denied) in one payment: what the clinic billed and what the payer paid. */
    public record PaidClaim(long id, String clm01, ClaimStatus status, BigDecimal charge, BigDecimal paid,
                            BigDecimal patientResponsibility, String payload) {
    }

    /** The clinic's claims in one 835 payment (reply file and check/EFT number), by account. */
    public List<PaidClaim> claimsPaidIn(String clinicId, long replyFileId, String checkNumber) {
        return jdbc.query("SELECT c.id, c.clm01, c.status, r.charge, r.paid, r.patient_responsibility, p.payload"
                        + " FROM claim_reply r JOIN claim c ON c.id = r.claim_id"
                        + " LEFT JOIN claim_payload p ON p.claim_id = c.id"
                        + " WHERE r.reply_file_id = ? AND r.kind = '835' AND r.check_number = ? AND c.clinic_id = ?"
                        + " ORDER BY c.clm01, r.id",
                row -> new PaidClaim(row.getLong(1), row.getString(2), ClaimStatus.valueOf(row.getString(3)),
                        row.getBigDecimal(4), row.getBigDecimal(5), row.getBigDecimal(6), row.getString(7)),
                replyFileId, checkNumber, clinicId);
    }

    /**
     * An encounter (charge capture) a clerk must release: parked for review, or held past its release time.
     *
     * @param header        the encounter's claim header (patient, coverages) as JSON
     * @param firstService  its first charge's date of service
     * @param open          what its held charges add up to, after credits
     */
    public record HeldEncounter(long id, String clinicId, String encounterKey, String state, Instant releaseAt,
                                String header, String detail, Instant updatedAt, LocalDate firstService,
                                BigDecimal open) {
    }

    private static final String HELD_WHERE = " WHERE (e.state = 'PARKED' OR (e.state = 'HELD' AND e.release_at <= ?))";

    public long countHeld(Scope scope) {
        List<Object> params = new ArrayList<>(List.of(clock.instant()));
        StringBuilder where = new StringBuilder(HELD_WHERE);
        clinics(where, params, "e.clinic_id", scope);
        return jdbc.query("SELECT COUNT(*) FROM encounter e" + where, row -> row.getLong(1), params.toArray()).get(0);
    }

    /** Encounters waiting for a clerk's release, the longest waiting first. */
    public List<HeldEncounter> held(Scope scope, int limit, int offset) {
        List<Object> params = new ArrayList<>(List.of(clock.instant()));
        StringBuilder where = new StringBuilder(HELD_WHERE);
        clinics(where, params, "e.clinic_id", scope);
        params.add(limit);
        params.add(offset);
        return jdbc.query("SELECT e.id, e.clinic_id, e.encounter_key, e.state, e.release_at, e.header, e.detail,"
                        + " e.updated_at,"
                        + " (SELECT MIN(c.service_date) FROM charge c WHERE c.encounter_id = e.id AND c.kind = 'CHARGE'),"
                        + " (SELECT SUM(c.amount - c.credited) FROM charge c WHERE c.encounter_id = e.id"
                        + "  AND c.kind = 'CHARGE' AND c.state = 'HELD')"
                        + " FROM encounter e" + where + " ORDER BY e.updated_at, e.id LIMIT ? OFFSET ?",
                row -> new HeldEncounter(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        Jdbc.instant(row.getTimestamp(5)), row.getString(6), row.getString(7),
                        Jdbc.instant(row.getTimestamp(8)),
                        row.getDate(9) == null ? null : row.getDate(9).toLocalDate(), row.getBigDecimal(10)),
                params.toArray());
    }

    /** Criteria; null or empty means any. */
    public record Scope(Set<String> clinics, String clinicId, String payerId) {
    }

    public long countClaims(ClaimStatus status, Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = claimWhere(status, scope, params);
        return jdbc.query("SELECT COUNT(*) FROM claim c" + where, row -> row.getLong(1), params.toArray()).get(0);
    }

    /** Claims in the status, the most recently changed first. */
    public List<AttentionClaim> claims(ClaimStatus status, Scope scope, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        params.add(status.name());
        String where = claimWhere(status, scope, params);
        params.add(limit);
        params.add(offset);
        return jdbc.query("SELECT c.id, c.clinic_id, c.clm01, c.payer_id, c.total_charge, c.status, c.updated_at,"
                        + " b.file_name, p.payload,"
                        + " (SELECT e.detail FROM claim_event e WHERE e.claim_id = c.id AND e.status = ?"
                        + "  ORDER BY e.id DESC LIMIT 1)"
                        + " FROM claim c LEFT JOIN batch b ON b.id = c.batch_id"
                        + " LEFT JOIN claim_payload p ON p.claim_id = c.id" + where
                        + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?",
                row -> new AttentionClaim(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), ClaimStatus.valueOf(row.getString(6)), Jdbc.instant(row.getTimestamp(7)),
                        row.getString(8), row.getString(9), row.getString(10)),
                params.toArray());
    }

    public long countUnreadable(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = inputWhere(scope, params);
        return jdbc.query("SELECT COUNT(*) FROM rejected_input r" + where, row -> row.getLong(1), params.toArray()).get(0);
    }

    /** Inputs that never became a claim, newest first. */
    public List<RejectedInput> unreadable(Scope scope, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = inputWhere(scope, params);
        params.add(limit);
        params.add(offset);
        return jdbc.query("SELECT r.id, r.clinic_id, r.source_kind, r.source_name, r.message_ordinal,"
                        + " r.source_control_id, r.reasons, r.received_at FROM rejected_input r" + where
                        + " ORDER BY r.id DESC LIMIT ? OFFSET ?",
                row -> new RejectedInput(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getInt(5), row.getString(6), row.getString(7).lines().map(StoredReasons::parse).toList(),
                        Jdbc.instant(row.getTimestamp(8))),
                params.toArray());
    }

    private static String claimWhere(ClaimStatus status, Scope scope, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE c.status = ?");
        params.add(status.name());
        clinics(where, params, "c.clinic_id", scope);
        if (scope.payerId() != null) {
            where.append(" AND c.payer_id = ?");
            params.add(scope.payerId());
        }
        return where.toString();
    }

    private static String inputWhere(Scope scope, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        clinics(where, params, "r.clinic_id", scope);
        return where.toString();
    }

    private static void clinics(StringBuilder where, List<Object> params, String column, Scope scope) {
        if (scope.clinics() != null && !scope.clinics().isEmpty()) {
            where.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(scope.clinics().size(), "?"))).append(')');
            params.addAll(new TreeSet<>(scope.clinics()));
        }
        if (scope.clinicId() != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(scope.clinicId());
        }
    }
}
