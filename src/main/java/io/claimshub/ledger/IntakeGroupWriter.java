package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the common case of an intake group with a constant number of statements for the whole group: a
 * claim new to its clinic (no claim with its CLM01, no message with its MSH-10, in the ledger or earlier in
 * the group). Such a claim's outcome needs no earlier unit's rows: it is accepted, or rejected for its own
 * reasons or a probable duplicate of a claim already sent (the group sends none). Two queries read what
 * the group needs, then one JDBC batch per table writes it. Every other claim (a resend, a correction, a
 * reused MSH-10, a CLM01 seen earlier in the group) is left to {@link IntakeLedger}'s path for one claim,
 * which then runs after these rows are written.
 */
final class IntakeGroupWriter implements GroupCommit.Together<IncomingClaim, IntakeOutcome> {

    /**
     * How many keys a query takes (a shorter list repeats its last key): few statement texts, so H2 and
     * PostgreSQL reuse their parsed statements and plans.
     */
    private static final int[] LIST_SIZES = {1, 4, 16, 64};

    private final Clock clock;
    private final boolean onH2;
    private volatile Boolean h2;

    /**
     * @param onH2 whether to write groups together on H2 too. Off in the hub: H2 runs inside it, so a statement
     *             costs no round trip, and LedgerIntakeBenchmark measured the path for one claim as cheaper there.
     */
    IntakeGroupWriter(Clock clock, boolean onH2) {
        this.clock = clock;
        this.onH2 = onH2;
    }

    @Override
    public List<IntakeOutcome> write(Connection connection, List<IncomingClaim> group) throws SQLException {
        IntakeOutcome[] outcomes = new IntakeOutcome[group.size()];
        if (!onH2 && h2(connection)) {
            return Arrays.asList(outcomes);
        }
        List<Integer> fresh = newToTheGroup(group);
        if (!fresh.isEmpty()) {
            Set<List<String>> taken = takenKeys(connection, fresh.stream().map(group::get).toList());
            fresh.removeIf(i -> taken.contains(claimKey(group.get(i))) || taken.contains(messageKey(group.get(i))));
        }
        if (fresh.isEmpty()) {
            return Arrays.asList(outcomes);
        }
        List<IncomingClaim> claims = fresh.stream().map(group::get).toList();
        Map<List<String>, List<SentService>> sent = sentServices(connection, claims);
        Instant now = clock.instant();
        List<List<Reason>> reasons = claims.stream().map(in -> reasons(in, sent)).toList();
        List<Object[]> claimRows = new ArrayList<>();
        for (int k = 0; k < claims.size(); k++) {
            claimRows.add(IntakeLedger.claimRow(claims.get(k), status(reasons.get(k)), now));
        }
        long[] ids = Jdbc.insertAll(connection, IntakeLedger.CLAIM_INSERT, claimRows);
        List<Object[]> payloads = new ArrayList<>();
        List<Jdbc.ClaimEvent> events = new ArrayList<>();
        List<Object[]> services = new ArrayList<>();
        List<Object[]> messages = new ArrayList<>();
        for (int k = 0; k < claims.size(); k++) {
            IncomingClaim in = claims.get(k);
            ClaimStatus status = status(reasons.get(k));
            if (in.payloadJson() != null) {
                payloads.add(new Object[]{ids[k], in.payloadJson()});
            }
            events.add(new Jdbc.ClaimEvent(ids[k], status, now, IntakeLedger.receivedDetail(in, reasons.get(k))));
            services.addAll(IntakeLedger.serviceRows(ids[k], in, status));
            Object[] message = IntakeLedger.messageRow(in, ids[k], now);
            if (message != null) {
                messages.add(message);
            }
            outcomes[fresh.get(k)] = new IntakeOutcome(ids[k], status == ClaimStatus.VALIDATED
                    ? IntakeOutcome.Kind.ACCEPTED : IntakeOutcome.Kind.REJECTED, reasons.get(k));
        }
        batchIfAny(connection, IntakeLedger.PAYLOAD_INSERT, payloads);
        Jdbc.addClaimEvents(connection, events);
        batchIfAny(connection, IntakeLedger.SERVICE_INSERT, services);
        batchIfAny(connection, IntakeLedger.MESSAGE_INSERT, messages);
        return Arrays.asList(outcomes);
    }

    /**
     * The positions of the claims whose clinic + CLM01 and clinic + MSH-10 no earlier claim of the group
     * has. A claim missing a value the claim row requires is left to the path for one claim, which reports it.
     */
    private static List<Integer> newToTheGroup(List<IncomingClaim> group) {
        Set<List<String>> seen = new HashSet<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            IncomingClaim in = group.get(i);
            if (in.clinicId() == null || in.clm01() == null || in.contentHash() == null || in.source() == null
                    || in.source().kind() == null) {
                continue;
            }
            boolean newClaim = seen.add(claimKey(in));
            List<String> message = messageKey(in);
            boolean newMessage = message == null || seen.add(message);
            if (newClaim && newMessage) {
                fresh.add(i);
            }
        }
        return fresh;
    }

    /** The keys of these claims that the ledger already has: their {@link #claimKey}s and {@link #messageKey}s. */
    private static Set<List<String>> takenKeys(Connection connection, List<IncomingClaim> claims) throws SQLException {
        List<String> selects = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        for (List<List<String>> chunk : padded(claims.stream().map(IntakeGroupWriter::claimKey).toList())) {
            selects.add(unionOf("SELECT 'C', clinic_id, clm01 FROM claim WHERE clinic_id = ? AND clm01 = ?", chunk.size()));
            keys.addAll(chunk);
        }
        for (List<List<String>> chunk : padded(claims.stream().map(IntakeGroupWriter::messageKey).filter(key -> key != null)
                .toList())) {
            selects.add(unionOf("SELECT 'M', clinic_id, control_id FROM intake_message WHERE clinic_id = ? AND control_id = ?",
                    chunk.size()));
            keys.addAll(chunk);
        }
        return new HashSet<>(Jdbc.query(connection, String.join(" UNION ALL ", selects),
                row -> List.of(row.getString(1), row.getString(2), row.getString(3)), flatten(keys)));
    }

    /** A service already sent to its payer. */
    private record SentService(long claimId, String clinicId, String clm01, String file, Instant sentAt) {
    }

    /** Sent services by payer + service key, for the claims that get the probable-duplicate check. */
    private static Map<List<String>, List<SentService>> sentServices(Connection connection, List<IncomingClaim> claims)
            throws SQLException {
        Set<List<String>> keys = new java.util.LinkedHashSet<>();
        for (IncomingClaim in : claims) {
            if (checksDuplicates(in)) {
                in.services().forEach(service -> keys.add(List.of(in.payerId(), service.key())));
            }
        }
        // Two steps without a join: PostgreSQL plans a union of 64 joins in ~10 ms, and a join of the union
        // with claim could keep a plan made while the tables were small (a hash join reading every claim).
        Map<Long, List<List<String>>> keysOfClaim = new HashMap<>();
        for (List<List<String>> chunk : padded(new ArrayList<>(keys))) {
            Jdbc.query(connection, unionOf("SELECT claim_id, payer_id, service_key FROM claim_service"
                            + " WHERE payer_id = ? AND service_key = ?", chunk.size()),
                    row -> keysOfClaim.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                            .add(List.of(row.getString(2), row.getString(3))), flatten(chunk));
        }
        Map<List<String>, List<SentService>> sent = new HashMap<>();
        // Usually there is none: a new claim's service matches another claim's only when it is billed twice.
        for (List<Long> ids : padded(new ArrayList<>(keysOfClaim.keySet()))) {
            Jdbc.query(connection, "SELECT c.id, c.status, c.clinic_id, c.clm01, b.file_name, c.updated_at FROM claim c"
                            + " LEFT JOIN batch b ON b.id = c.batch_id WHERE c.id IN ("
                            + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")",
                    row -> {
                        if (IntakeLedger.SENT.contains(ClaimStatus.valueOf(row.getString(2)))) {
                            SentService service = new SentService(row.getLong(1), row.getString(3), row.getString(4),
                                    row.getString(5), Jdbc.instant(row.getTimestamp(6)));
                            keysOfClaim.get(service.claimId()).forEach(key ->
                                    sent.computeIfAbsent(key, k -> new ArrayList<>()).add(service));
                        }
                        return null;
                    }, ids.toArray());
        }
        // the earliest sent claim first, as the query for one claim orders them
        sent.values().forEach(services -> services.sort(java.util.Comparator.comparingLong(SentService::claimId)));
        return sent;
    }

    /** What {@link IntakeLedger} finds for a claim new to its clinic: its own reasons, else probable duplicates. */
    private static List<Reason> reasons(IncomingClaim in, Map<List<String>, List<SentService>> sent) {
        List<Reason> reasons = new ArrayList<>(in.reasons());
        if (!checksDuplicates(in)) {
            return reasons;
        }
        String clm01 = Jdbc.clip(in.clm01(), 64);
        for (ServiceKey service : in.services()) {
            sent.getOrDefault(List.of(in.payerId(), service.key()), List.of()).stream()
                    .filter(other -> !(other.clinicId().equals(in.clinicId()) && other.clm01().equals(clm01)))
                    .findFirst().ifPresent(other -> reasons.add(IntakeLedger.probableDuplicate(service, in.payerId(),
                            other.clm01(), other.file(), other.sentAt())));
        }
        return reasons;
    }

    private boolean h2(Connection connection) throws SQLException {
        if (h2 == null) {
            h2 = connection.getMetaData().getURL().startsWith("jdbc:h2:");
        }
        return h2;
    }

    private static boolean checksDuplicates(IncomingClaim in) {
        return in.reasons().isEmpty() && !IntakeLedger.replacement(in) && in.payerId() != null;
    }

    private static ClaimStatus status(List<Reason> reasons) {
        return reasons.isEmpty() ? ClaimStatus.VALIDATED : ClaimStatus.REJECTED;
    }

    private static List<String> claimKey(IncomingClaim in) {
        return List.of("C", in.clinicId(), Jdbc.clip(in.clm01(), 64));
    }

    /** Null when the claim has no MSH-10. */
    private static List<String> messageKey(IncomingClaim in) {
        String controlId = in.source().controlId();
        return controlId == null || controlId.isBlank() ? null : List.of("M", in.clinicId(), Jdbc.clip(controlId, 64));
    }

    /** The keys in lists of {@link #LIST_SIZES} lengths, each padded with its last key. */
    private static <T> List<List<T>> padded(List<T> keys) {
        int max = LIST_SIZES[LIST_SIZES.length - 1];
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += max) {
            List<T> chunk = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + max)));
            int size = Arrays.stream(LIST_SIZES).filter(s -> s >= chunk.size()).findFirst().orElseThrow();
            while (chunk.size() < size) {
                chunk.add(chunk.get(chunk.size() - 1));
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * One SELECT per key: each is the query for one claim, so H2 and PostgreSQL look it up in the same index
     * as they do for one claim. With a list of keys instead ({@code (a, b) IN ((?, ?), ...)}), H2 reads every
     * claim of the clinic (it uses only the index's first column), and PostgreSQL kept a plan made while a
     * table was small (a sequential scan) until the next ANALYZE.
     */
    private static String unionOf(String select, int count) {
        return String.join(" UNION ALL ", java.util.Collections.nCopies(count, select));
    }

    /** The last two values of each key (the first names the key's kind). */
    private static Object[] flatten(List<List<String>> keys) {
        return keys.stream().flatMap(key -> key.subList(key.size() - 2, key.size()).stream()).toArray();
    }

    private static void batchIfAny(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (!rows.isEmpty()) {
            Jdbc.batch(connection, sql, rows);
        }
    }
}
