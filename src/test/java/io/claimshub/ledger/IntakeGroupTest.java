package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome.Kind;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims recorded together in one group commit get exactly the outcomes and rows they get one group each:
 * the claims new to their clinic are written together, every other one alone after them. The hub writes
 * groups together on PostgreSQL only (H2 runs inside the hub, where a statement costs no round trip), so
 * these tests need the PostgreSQL of {@code .ci/run}; on H2 every claim is written alone.
 */
class IntakeGroupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ServiceKey VISIT = new ServiceKey("line 1 (99213, 2026-10-20)", "k-visit");
    private static final ServiceKey XRAY = new ServiceKey("line 2 (71046, 2026-10-20)", "k-xray");
    private static final ServiceKey LABS = new ServiceKey("line 3 (80053, 2026-10-20)", "k-labs");

    @TempDir
    Path tempDir;

    @org.junit.jupiter.api.Test
    void a_mixed_group_gets_the_outcomes_and_rows_of_one_claim_per_group() throws Exception {
        String database = postgresql();
        List<IncomingClaim> sequence = mixedSequence();
        List<String> alone;
        List<String> rowsAlone;
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir.resolve("alone")).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            earlierGroups(ledger);
            List<IntakeOutcome> outcomes = new ArrayList<>();
            for (IncomingClaim in : sequence) {
                outcomes.add(ledger.intake().recordMessage(in));
            }
            alone = describe(db, outcomes);
            rowsAlone = rows(db);
        }
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir.resolve("together")).open()) {
            CountingDataSource counting = new CountingDataSource(db.dataSource());
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            earlierGroups(ledger);
            IntakeLedger intake = new IntakeLedger(counting.dataSource(), CLOCK);
            List<IntakeOutcome> outcomes = intake.recordMessages(sequence);

            assertThat(describe(db, outcomes)).containsExactlyElementsOf(alone);
            assertThat(rows(db)).containsExactlyElementsOf(rowsAlone);
            long alonePaths = counting.executed().stream().filter(sql -> sql.equals("SETSAVEPOINT")).count();
            assertThat(alonePaths).as("the claims that are not new to their clinic run alone, each behind a savepoint")
                    .isEqualTo(7);
        }
        assertThat(alone).as("the sequence covers every outcome").anyMatch(o -> o.startsWith("ACCEPTED"))
                .anyMatch(o -> o.startsWith("DUPLICATE")).anyMatch(o -> o.startsWith("CONTROL_ID_REUSED"))
                .anyMatch(o -> o.contains("PROBABLE_DUPLICATE")).anyMatch(o -> o.contains("CLM01_ALREADY_SENT"))
                .anyMatch(o -> o.contains("superseded"));
    }

    @org.junit.jupiter.api.Test
    void a_group_of_new_claims_takes_a_fixed_number_of_statements() throws Exception {
        String database = postgresql();
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            CountingDataSource counting = new CountingDataSource(db.dataSource());
            IntakeLedger intake = new IntakeLedger(counting.dataSource(), CLOCK);
            List<IncomingClaim> group = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                group.add(claim("N" + i, "n" + i, "MN" + i, "1", List.of(), List.of(VISIT, XRAY)));
            }

            List<IntakeOutcome> outcomes = intake.recordMessages(group);

            assertThat(outcomes).extracting(IntakeOutcome::kind).containsOnly(Kind.ACCEPTED);
            assertThat(outcomes).extracting(IntakeOutcome::claimId).doesNotHaveDuplicates().isSorted();
            // one round trip reads (keys taken, services billed before, ids); one writes every row and commits,
            // so the group's own commit that follows sends nothing (the driver sees no open transaction)
            assertThat(counting.executed()).as(String.join("\n", counting.executed())).hasSize(3);
            assertThat(counting.executed().get(0)).startsWith("SELECT 'C'").contains("claim_service", "nextval");
            assertThat(counting.executed().get(1)).startsWith("INSERT INTO claim (").contains("INSERT INTO claim_payload",
                    "INSERT INTO claim_event", "INSERT INTO claim_service", "INSERT INTO intake_message").endsWith("; COMMIT");
            assertThat(counting.executed().get(2)).isEqualTo("COMMIT");
            assertThat(count(db, "SELECT COUNT(*) FROM claim_service")).isEqualTo(80);
            assertThat(count(db, "SELECT COUNT(*) FROM intake_message")).isEqualTo(40);
            assertThat(count(db, "SELECT COUNT(*) FROM claim_payload")).isEqualTo(40);
            assertThat(count(db, "SELECT COUNT(*) FROM claim_event")).isEqualTo(40);
        }
    }

    @org.junit.jupiter.api.Test
    void the_hub_records_each_claim_of_a_group_alone_on_h2() throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target("h2", tempDir).open()) {
            CountingDataSource counting = new CountingDataSource(db.dataSource());
            IntakeLedger intake = new IntakeLedger(counting.dataSource(), CLOCK);

            List<IntakeOutcome> outcomes = intake.recordMessages(List.of(claim("A", "a", "MA", "1", List.of(), List.of()),
                    claim("B", "b", "MB", "1", List.of(), List.of())));

            assertThat(outcomes).extracting(IntakeOutcome::kind).containsExactly(Kind.ACCEPTED, Kind.ACCEPTED);
            assertThat(counting.executed()).filteredOn(sql -> sql.equals("SETSAVEPOINT")).hasSize(2);
        }
    }

    @org.junit.jupiter.api.Test
    void a_key_another_hub_commits_while_the_group_is_written_sends_the_group_down_the_path_for_one_claim()
            throws Exception {
        String database = postgresql();
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            CountingDataSource counting = new CountingDataSource(db.dataSource());
            IntakeLedger intake = new IntakeLedger(counting.dataSource(), CLOCK);
            IntakeLedger otherHub = new IntakeLedger(db.dataSource(), CLOCK);
            long[] othersId = new long[1];
            // the other hub commits the same claim after this group's queries and before its inserts
            counting.beforeExecute(sql -> {
                if (sql.startsWith("INSERT INTO claim (") && othersId[0] == 0) {
                    othersId[0] = otherHub.recordMessage(claim("B", "b", "MB", "1", List.of(), List.of())).claimId();
                }
            });

            List<IntakeOutcome> outcomes = intake.recordMessages(List.of(
                    claim("A", "a", "MA", "1", List.of(), List.of()),
                    claim("B", "b", "MB", "1", List.of(), List.of()),
                    claim("C", "c", "MC", "1", List.of(), List.of())));

            assertThat(outcomes).extracting(IntakeOutcome::kind).containsExactly(Kind.ACCEPTED, Kind.DUPLICATE, Kind.ACCEPTED);
            assertThat(outcomes.get(1).claimId()).isEqualTo(othersId[0]);
            assertThat(counting.executed()).as("the batch was tried and rolled back").contains("ROLLBACK");
            assertThat(count(db, "SELECT COUNT(*) FROM claim")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM claim_payload")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM intake_message")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM claim_event")).as("A, B, C, and B's duplicate").isEqualTo(4);
        }
    }

    /** The tests of the path for a group need PostgreSQL: they are skipped without it (not in .ci/run). */
    private static String postgresql() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null,
                "CLAIMSHUB_TEST_PG_URL is not set");
        return "postgresql";
    }

    /** What the group's sequence meets in the ledger: a sent claim, a waiting one, a rejected one, an MSH-10. */
    private static void earlierGroups(Ledgers ledger) {
        long sent = ledger.intake().recordMessage(claim("SENT", "s", "M-SENT", "1", List.of(), List.of(VISIT, XRAY))).claimId();
        ledger.intake().recordMessage(claim("WAIT", "w", "M-WAIT", "1", List.of(), List.of(LABS)));
        ledger.intake().recordMessage(claim("REJ", "r", "M-REJ", "1", List.of(npi()), List.of()));
        ledger.intake().recordClaim(claim("FILE", "f", "M-OLD", "1", List.of(), List.of()));
        BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(sent)));
        ledger.batches().markBatchWritten(batch.id());
    }

    private static List<IncomingClaim> mixedSequence() {
        return List.of(
                claim("N1", "n1", "M1", "1", List.of(), List.of(LABS)),
                claim("N2", "n2", "M2", "1", List.of(), List.of(XRAY, LABS)),          // probable duplicate of SENT
                claim("N1", "n1", "M1", "1", List.of(), List.of(LABS)),                // resend within the group
                claim("WAIT", "w2", "M3", "7", List.of(), List.of(LABS)),              // corrects a waiting claim
                claim("N3", "n3", "M1", "1", List.of(), List.of()),                    // reuses N1's MSH-10
                claim("N4", "n4", "M-OLD", "1", List.of(), List.of()),                 // reuses an earlier MSH-10
                claim("N5", "n5", "M5", "1", List.of(npi()), List.of(VISIT)),          // rejected for its own reason
                claim("REJ", "r", "M-REJ", "1", List.of(npi()), List.of()),            // resend of a rejected claim
                claim("SENT", "s2", "M6", "1", List.of(), List.of()),                  // CLM01 already sent
                claim("N7", "n7a", "M7", "1", List.of(), List.of()),
                claim("N7", "n7b", "M8", "1", List.of(), List.of()),                   // corrects N7 within the group
                claim("N9", "n9", null, "1", List.of(), List.of(VISIT)),               // no MSH-10, probable duplicate
                claim("N10", "n10", "M10", "1", List.of(), List.of(LABS)),             // N1's service, not sent: fine
                new IncomingClaim("other", "N1", "1", null, "acme", new BigDecimal("50.00"), "{\"o\":1}", "o1",
                        new Source("mllp", "conn-2", "M1"), List.of(), List.of(VISIT)), // another clinic's N1 and M1
                claim("N11", "n11", "M11", "8", List.of(), List.of(VISIT)),            // a void: no duplicate check
                claim("N12", "n12", "M12", "1", List.of(), List.of(VISIT, VISIT)));   // one line per match
    }

    private static Reason npi() {
        return new Reason("FT1 #2", "NPI_CHECK_DIGIT", "rendering provider NPI 1234567890 fails the check digit");
    }

    private static IncomingClaim claim(String clm01, String hash, String controlId, String frequency, List<Reason> reasons,
                                       List<ServiceKey> services) {
        return new IncomingClaim("sunrise", clm01, frequency, frequency.equals("1") ? null : "PCN1", "acme",
                new BigDecimal("215.00"), "{\"clm01\":\"" + clm01 + "\",\"h\":\"" + hash + "\"}", hash,
                new Source("mllp", "conn-1", controlId), reasons, services);
    }

    /** Each outcome with its claim named by clinic, CLM01 and content (the ids of a group may come in another order). */
    private static List<String> describe(LedgerDatabase db, List<IntakeOutcome> outcomes) throws SQLException {
        List<String> described = new ArrayList<>();
        for (IntakeOutcome outcome : outcomes) {
            described.add(outcome.kind() + " " + claimName(db, outcome.claimId()) + " " + outcome.reasons()
                    + " superseded " + outcome.superseded().stream().map(s -> name(db, s.claimId()) + "=" + s.payloadJson()).toList());
        }
        return described;
    }

    private static String name(LedgerDatabase db, long claimId) {
        try {
            return claimName(db, claimId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimName(LedgerDatabase db, long claimId) throws SQLException {
        List<String> names = strings(db, "SELECT clinic_id || '/' || clm01 || '/' || content_hash FROM claim WHERE id = ?", claimId);
        return names.isEmpty() ? "none" : names.get(0);
    }

    /** Every row the intake wrote, with claims named as in {@link #describe}. */
    private static List<String> rows(LedgerDatabase db) throws SQLException {
        String name = "c.clinic_id || '/' || c.clm01 || '/' || c.content_hash";
        List<String> rows = new ArrayList<>();
        rows.addAll(strings(db, "SELECT " + name + " || ' ' || COALESCE(c.frequency, '-') || ' ' || COALESCE(c.payer_id, '-')"
                + " || ' ' || CAST(c.total_charge AS VARCHAR(20)) || ' ' || c.status || ' ' || c.source_kind || ' '"
                + " || COALESCE(c.source_name, '-') || ' ' || COALESCE(c.source_control_id, '-') || ' '"
                + " || CAST(c.received_at AS VARCHAR(40)) || ' ' || CAST(c.updated_at AS VARCHAR(40))"
                + " || ' ' || COALESCE(p.payload, '-') FROM claim c LEFT JOIN claim_payload p ON p.claim_id = c.id"
                + " ORDER BY 1"));
        rows.addAll(strings(db, "SELECT " + name + " || ' event ' || e.status || ' ' || e.detail || ' '"
                + " || CAST(e.at AS VARCHAR(40)) FROM claim_event e JOIN claim c ON c.id = e.claim_id ORDER BY " + name + ", e.id"));
        rows.addAll(strings(db, "SELECT " + name + " || ' service ' || s.payer_id || ' ' || s.service_key"
                + " FROM claim_service s JOIN claim c ON c.id = s.claim_id ORDER BY 1"));
        rows.addAll(strings(db, "SELECT m.clinic_id || ' message ' || m.control_id || ' ' || m.content_hash || ' '"
                + " || CAST(m.received_at AS VARCHAR(40)) || ' ' || " + name
                + " FROM intake_message m JOIN claim c ON c.id = m.claim_id ORDER BY 1"));
        // a history line may name a claim by its id
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("corrected claim (\\d+)");
        return rows.stream().map(row -> id.matcher(row).replaceAll(found -> "corrected claim "
                + name(db, Long.parseLong(found.group(1))))).toList();
    }

    private static List<String> strings(LedgerDatabase db, String sql, Object... params) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static long count(LedgerDatabase db, String sql) throws SQLException {
        return Long.parseLong(strings(db, "SELECT CAST((" + sql + ") AS VARCHAR(20))").get(0));
    }
}
