package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the common case of an intake group on PostgreSQL in a constant number of round trips for the whole
 * group: a claim new to its clinic (no claim with its CLM01, no message with its MSH-10, in the ledger or
 * earlier in the group). Such a claim's outcome needs no earlier unit's rows: it is accepted, or rejected for
 * its own reasons or a probable duplicate of a claim already sent (the group sends none). One round trip reads
 * what the group needs and takes the new claims' ids; one writes every row, and commits too when no claim of
 * the group is left to run alone (else the commit is a third). One more read is needed only when a service
 * matches another claim's. Every other claim (a resend, a correction, a reused MSH-10, a CLM01 seen earlier
 * in the group) is left to {@link IntakeLedger}'s path for one claim, which then runs after these rows are
 * written.
 *
 * <p>Each round trip is one prepared statement of several SQL statements, which the PostgreSQL driver sends
 * together; rows go in as arrays ({@code unnest}), so a statement's text does not depend on the group's size.
 * On H2, which runs inside the hub, a statement costs no round trip and every claim is written alone (the
 * path for one claim measured cheaper there, BENCHMARKS.md "MLLP CPU ratio").
 */
final class IntakeGroupWriter implements GroupCommit.Together<IncomingClaim, IntakeOutcome> {

    /**
     * How many keys a query takes (a shorter list repeats its last key): few statement texts, so PostgreSQL
     * reuses its parsed statements and plans.
     */
    private static final int[] LIST_SIZES = {1, 4, 16, 64};
    /** {@link #unionOf} by query, a text per list size. */
    private static final Map<String, String[]> UNIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The types of {@link IntakeLedger#claimRow}'s values before its two timestamps. */
    private static final List<String> CLAIM_TYPES = List.of("varchar", "varchar", "varchar", "varchar", "varchar",
            "numeric", "varchar", "varchar", "varchar", "varchar", "varchar");

    private final Clock clock;
    private volatile Boolean h2;

    IntakeGroupWriter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<IntakeOutcome> write(Connection connection, List<IncomingClaim> group, boolean wholeGroup)
            throws SQLException {
        IntakeOutcome[] outcomes = new IntakeOutcome[group.size()];
        if (h2(connection)) {
            return Arrays.asList(outcomes);
        }
        List<Integer> fresh = newToTheGroup(group);
        if (fresh.isEmpty()) {
            return Arrays.asList(outcomes);
        }
        Reads reads = read(connection, fresh.stream().map(group::get).toList());
        fresh.removeIf(i -> reads.taken().contains(claimKey(group.get(i))) || reads.taken().contains(messageKey(group.get(i))));
        if (fresh.isEmpty()) {
            return Arrays.asList(outcomes);
        }
        List<IncomingClaim> claims = fresh.stream().map(group::get).toList();
        Map<List<String>, List<SentService>> sent = sentServices(connection, reads.keysOfClaim());
        Instant now = clock.instant();
        List<Object[]> claimRows = new ArrayList<>();
        List<Object[]> payloads = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> services = new ArrayList<>();
        List<Object[]> messages = new ArrayList<>();
        for (int k = 0; k < claims.size(); k++) {
            IncomingClaim in = claims.get(k);
            long id = reads.ids()[k];
            List<Reason> reasons = reasons(in, sent);
            ClaimStatus status = status(reasons);
            claimRows.add(prepend(id, Arrays.copyOf(IntakeLedger.claimRow(in, status, now), CLAIM_TYPES.size())));
            if (in.payloadJson() != null) {
                payloads.add(new Object[]{id, in.payloadJson()});
            }
            events.add(new Object[]{id, status.name(), Jdbc.truncate(IntakeLedger.receivedDetail(in, reasons), 4000)});
            services.addAll(IntakeLedger.serviceRows(id, in, status));
            Object[] message = IntakeLedger.messageRow(in, id, now);
            if (message != null) {
                messages.add(new Object[]{message[0], message[1], message[2], message[4]});
            }
            outcomes[fresh.get(k)] = new IntakeOutcome(id, status == ClaimStatus.VALIDATED
                    ? IntakeOutcome.Kind.ACCEPTED : IntakeOutcome.Kind.REJECTED, reasons);
        }
        Timestamp at = Jdbc.timestamp(now);
        RoundTrip insert = new RoundTrip(connection);
        insert.insert("INSERT INTO claim (id, clinic_id, clm01, frequency, original_payer_claim_number, payer_id, total_charge,"
                + " status, content_hash, source_kind, source_name, source_control_id, received_at, updated_at)",
                prepend("bigint", CLAIM_TYPES), claimRows, at, at);
        insert.insert("INSERT INTO claim_payload (claim_id, payload)", List.of("bigint", "varchar"), payloads);
        insert.insert("INSERT INTO claim_event (claim_id, status, detail, at)", List.of("bigint", "varchar", "varchar"),
                events, at);
        insert.insert("INSERT INTO claim_service (claim_id, payer_id, service_key)", List.of("bigint", "varchar", "varchar"),
                services);
        insert.insert("INSERT INTO intake_message (clinic_id, control_id, content_hash, claim_id, received_at)",
                List.of("varchar", "varchar", "varchar", "bigint"), messages, at);
        if (wholeGroup && fresh.size() == group.size()) {
            // nothing runs alone after these rows: the commit goes with them, one round trip fewer
            insert.add("COMMIT");
        }
        insert.execute();
        return Arrays.asList(outcomes);
    }

    /**
     * What one round trip reads for the group's candidates: the keys the ledger already has, the claims that
     * share a payer + service key with one of them, and a claim id for each (an id not used is skipped).
     *
     * @param keysOfClaim the payer + service keys each such claim shares with a candidate
     */
    private record Reads(Set<List<String>> taken, Map<Long, List<List<String>>> keysOfClaim, long[] ids) {
    }

    private static Reads read(Connection connection, List<IncomingClaim> candidates) throws SQLException {
        RoundTrip reads = new RoundTrip(connection);
        List<List<String>> keys = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (List<List<String>> chunk : padded(candidates.stream().map(IntakeGroupWriter::claimKey).toList())) {
            selects.add(unionOf("SELECT 'C', clinic_id, clm01 FROM claim WHERE clinic_id = ? AND clm01 = ?", chunk.size()));
            keys.addAll(chunk);
        }
        for (List<List<String>> chunk : padded(candidates.stream().map(IntakeGroupWriter::messageKey)
                .filter(key -> key != null).toList())) {
            selects.add(unionOf("SELECT 'M', clinic_id, control_id FROM intake_message WHERE clinic_id = ? AND control_id = ?",
                    chunk.size()));
            keys.addAll(chunk);
        }
        reads.add(String.join(" UNION ALL ", selects), flatten(keys));
        // Two steps without a join: PostgreSQL plans a union of 64 joins in ~10 ms, and a join of the union
        // with claim could keep a plan made while the tables were small (a hash join reading every claim).
        Set<List<String>> serviceKeys = new LinkedHashSet<>();
        for (IncomingClaim in : candidates) {
            if (checksDuplicates(in)) {
                in.services().forEach(service -> serviceKeys.add(List.of(in.payerId(), service.key())));
            }
        }
        List<String> serviceSelects = new ArrayList<>();
        List<List<String>> serviceKeyList = new ArrayList<>();
        for (List<List<String>> chunk : padded(new ArrayList<>(serviceKeys))) {
            serviceSelects.add(unionOf("SELECT claim_id, payer_id, service_key FROM claim_service"
                    + " WHERE payer_id = ? AND service_key = ?", chunk.size()));
            serviceKeyList.addAll(chunk);
        }
        if (!serviceSelects.isEmpty()) {
            reads.add(String.join(" UNION ALL ", serviceSelects), flatten(serviceKeyList));
        }
        reads.add("SELECT nextval(pg_get_serial_sequence('claim', 'id')) FROM generate_series(1, ?)", candidates.size());
        List<List<Object[]>> results = reads.query();
        Set<List<String>> taken = new HashSet<>();
        results.get(0).forEach(row -> taken.add(List.of((String) row[0], (String) row[1], (String) row[2])));
        Map<Long, List<List<String>>> keysOfClaim = new HashMap<>();
        if (!serviceSelects.isEmpty()) {
            results.get(1).forEach(row -> keysOfClaim.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(List.of((String) row[1], (String) row[2])));
        }
        long[] ids = results.get(results.size() - 1).stream().mapToLong(row -> ((Number) row[0]).longValue()).sorted().toArray();
        return new Reads(taken, keysOfClaim, ids);
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

    /** A service already sent to its payer. */
    private record SentService(long claimId, String clinicId, String clm01, String file, Instant sentAt) {
    }

    /**
     * Sent services by payer + service key, from the claims that share one with a candidate: a second round
     * trip, only when there is such a claim (a service billed twice).
     */
    private static Map<List<String>, List<SentService>> sentServices(Connection connection,
                                                                     Map<Long, List<List<String>>> keysOfClaim)
            throws SQLException {
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
     * One SELECT per key: each is the query for one claim, so PostgreSQL looks it up in the same index as it
     * does for one claim. With a list of keys instead ({@code (a, b) IN ((?, ?), ...)}), it kept a plan made
     * while a table was small (a sequential scan) until the next ANALYZE.
     */
    private static String unionOf(String select, int count) {
        // built once per query and size: a group's Java work is a good part of its cost with one connection
        String[] bySize = UNIONS.computeIfAbsent(select, key -> Arrays.stream(LIST_SIZES)
                .mapToObj(size -> String.join(" UNION ALL ", java.util.Collections.nCopies(size, key))).toArray(String[]::new));
        for (int i = 0; i < LIST_SIZES.length; i++) {
            if (LIST_SIZES[i] == count) {
                return bySize[i];
            }
        }
        throw new IllegalArgumentException("no list of " + count + " keys");
    }

    /** The last two values of each key (the first names the key's kind). */
    private static Object[] flatten(List<List<String>> keys) {
        return keys.stream().flatMap(key -> key.subList(key.size() - 2, key.size()).stream()).toArray();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
