package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;
import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome.Kind;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake ledger's rules, on H2 and (when CI provides it) PostgreSQL through the same code. */
class IntakeLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void migrations_apply_once_and_are_skipped_on_reopen(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            assertThat(versions(db)).containsExactly(1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16);
        }
        try (LedgerDatabase db = target.open()) {
            assertThat(versions(db)).containsExactly(1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_valid_claim_is_accepted_and_the_same_claim_again_is_a_duplicate(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            IntakeOutcome first = ledger.intake().recordClaim(claim("ACC1", "h1", List.of()));
            IntakeOutcome again = ledger.intake().recordClaim(claim("ACC1", "h1", List.of()));

            assertThat(first.kind()).isEqualTo(Kind.ACCEPTED);
            assertThat(again.kind()).isEqualTo(Kind.DUPLICATE);
            assertThat(again.claimId()).isEqualTo(first.claimId());
            assertThat(ledger.queries().findByClm01("sunrise", "ACC1")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.VALIDATED));
            assertThat(ledger.queries().history(first.claimId())).extracting(ClaimQueries.ClaimEvent::detail)
                    .containsExactly("received from file visit.hl7 MSH-10 M1", "duplicate received from file visit.hl7 MSH-10 M1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_live_feed_message_reusing_a_control_id_for_other_content_is_refused_and_leaves_no_trace(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            IntakeOutcome first = ledger.intake().recordMessage(claim("ACC1", "h1", List.of()));
            IntakeOutcome resend = ledger.intake().recordMessage(claim("ACC1", "h1", List.of()));
            IntakeOutcome reused = ledger.intake().recordMessage(claim("ACC1", "h2", List.of()));

            assertThat(first.kind()).isEqualTo(Kind.ACCEPTED);
            assertThat(resend.kind()).isEqualTo(Kind.DUPLICATE);
            assertThat(reused.kind()).isEqualTo(Kind.CONTROL_ID_REUSED);
            assertThat(reused.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.where()).isEqualTo("MSH-10");
                assertThat(reason.code()).isEqualTo("CONTROL_ID_REUSED");
            });
            assertThat(ledger.queries().findByClm01("sunrise", "ACC1")).singleElement()
                    .satisfies(c -> assertThat(c.id()).isEqualTo(first.claimId()));
            assertThat(ledger.queries().history(first.claimId())).hasSize(2);
            // the file intake keeps its own rule: a changed claim under an old MSH-10 is a new claim version
            assertThat(ledger.intake().recordClaim(claim("ACC1", "h2", List.of())).kind()).isEqualTo(Kind.ACCEPTED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_claim_with_reasons_is_rejected_and_keeps_them(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            Reason npi = new Reason("FT1 #2", "NPI_CHECK_DIGIT", "rendering provider NPI 1234567890 fails the check digit");
            IntakeOutcome rejected = ledger.intake().recordClaim(claim("ACC2", "h2", List.of(npi)));
            IntakeOutcome again = ledger.intake().recordClaim(claim("ACC2", "h2", List.of(npi)));

            assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
            assertThat(again.kind()).isEqualTo(Kind.DUPLICATE);
            assertThat(again.reasons()).containsExactly(npi);
            assertThat(ledger.queries().history(rejected.claimId()).get(0).detail())
                    .isEqualTo("FT1 #2: rendering provider NPI 1234567890 fails the check digit [NPI_CHECK_DIGIT]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_corrected_claim_supersedes_one_not_yet_sent_but_not_one_already_sent(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            IntakeOutcome original = ledger.intake().recordClaim(claim("ACC3", "v1", List.of()));
            IntakeOutcome corrected = ledger.intake().recordClaim(claim("ACC3", "v2", List.of()));
            assertThat(corrected.kind()).isEqualTo(Kind.ACCEPTED);
            assertThat(ledger.queries().claim(original.claimId()).orElseThrow().status()).isEqualTo(ClaimStatus.SUPERSEDED);

            Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(corrected.claimId())));
            ledger.batches().markBatchWritten(batch.id());
            ledger.batches().markBatchDelivered(batch.id(), "/payers/acme");

            IntakeOutcome reused = ledger.intake().recordClaim(claim("ACC3", "v3", List.of()));
            assertThat(reused.kind()).isEqualTo(Kind.REJECTED);
            assertThat(reused.reasons()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo("CLM01_ALREADY_SENT");
                assertThat(r.text()).isEqualTo("claim: patient control number ACC3 was already sent in file acme-1.837"
                        + " on 2026-11-01; send a replacement (frequency 7) or void (8) with the payer claim number");
            });
            IntakeOutcome replacement = ledger.intake().recordClaim(new IncomingClaim("sunrise", "ACC3", "7", "PCN1", "acme",
                    new BigDecimal("10.00"), "{}", "v4", new Source("file", "fix.json", null), List.of()));
            assertThat(replacement.kind()).isEqualTo(Kind.ACCEPTED);
            IntakeOutcome nextPayer = ledger.intake().recordClaim(new IncomingClaim("sunrise", "ACC3", "1", null, "blue",
                    new BigDecimal("10.00"), "{}", "v3-blue", new Source("secondary", "835", null), List.of()));
            assertThat(nextPayer.kind()).as("the same visit billed to the next coverage").isEqualTo(Kind.ACCEPTED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_same_services_already_sent_to_the_payer_under_another_clm01_are_a_probable_duplicate(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            List<ServiceKey> services = List.of(new ServiceKey("line 1 (99213, 2026-10-20)", "k-visit"),
                    new ServiceKey("line 2 (71046, 2026-10-20)", "k-xray"));
            IntakeOutcome first = ledger.intake().recordClaim(withServices(claim("ACC7", "a", List.of()), "1", services));
            IntakeOutcome beforeSending = ledger.intake().recordClaim(withServices(claim("ACC8", "b", List.of()), "1", services));
            assertThat(beforeSending.kind()).as("not sent yet: nothing to duplicate").isEqualTo(Kind.ACCEPTED);
            Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(first.claimId())));
            ledger.batches().markBatchWritten(batch.id());

            IntakeOutcome again = ledger.intake().recordClaim(withServices(claim("ACC9", "c", List.of()), "1", services.subList(1, 2)));
            IntakeOutcome otherPayer = ledger.intake().recordClaim(new IncomingClaim("sunrise", "ACC10", "1", null, "medicare",
                    new BigDecimal("80.00"), "{}", "d", new Source("file", "visit.hl7", null), List.of(), services));
            IntakeOutcome replacement = ledger.intake().recordClaim(withServices(claim("ACC11", "e", List.of()), "7", services));

            assertThat(again.kind()).isEqualTo(Kind.REJECTED);
            assertThat(again.reasons()).extracting(Reason::text).containsExactly("line 2 (71046, 2026-10-20): probable duplicate:"
                    + " the same patient, date of service, procedure and modifiers were sent to payer acme on claim ACC7 in file"
                    + " acme-1.837 on 2026-11-01; to correct that claim send a replacement (frequency 7) with the payer claim number");
            assertThat(otherPayer.kind()).isEqualTo(Kind.ACCEPTED);
            assertThat(replacement.kind()).isEqualTo(Kind.ACCEPTED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void each_line_of_a_claim_names_the_earliest_sent_claim_it_duplicates_in_line_order(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            ServiceKey visit = new ServiceKey("line 1 (99213, 2026-10-20)", "k-visit");
            ServiceKey xray = new ServiceKey("line 2 (71046, 2026-10-20)", "k-xray");
            ServiceKey labs = new ServiceKey("line 3 (80053, 2026-10-20)", "k-labs");
            ServiceKey shot = new ServiceKey("line 4 (90471, 2026-10-20)", "k-shot");
            long xrayFirst = ledger.intake().recordClaim(withServices(claim("ACC20", "a", List.of()), "1", List.of(xray))).claimId();
            long both = ledger.intake().recordClaim(withServices(claim("ACC21", "b", List.of()), "1", List.of(shot, xray))).claimId();
            long visitOnly = ledger.intake().recordClaim(withServices(claim("ACC22", "c", List.of()), "1", List.of(visit))).claimId();
            long notSent = ledger.intake().recordClaim(withServices(claim("ACC23", "d", List.of()), "1", List.of(labs))).claimId();
            Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837",
                    List.of(List.of(xrayFirst, both, visitOnly)));
            ledger.batches().markBatchWritten(batch.id());

            IntakeOutcome again = ledger.intake().recordClaim(withServices(claim("ACC24", "e", List.of()), "1",
                    List.of(visit, xray, labs, shot)));

            assertThat(notSent).isPositive();
            assertThat(again.kind()).isEqualTo(Kind.REJECTED);
            assertThat(again.reasons()).extracting(Reason::where, Reason::code, Reason::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("line 1 (99213, 2026-10-20)", "PROBABLE_DUPLICATE", duplicateOf(visit, "ACC22")),
                    org.assertj.core.groups.Tuple.tuple("line 2 (71046, 2026-10-20)", "PROBABLE_DUPLICATE", duplicateOf(xray, "ACC20")),
                    org.assertj.core.groups.Tuple.tuple("line 4 (90471, 2026-10-20)", "PROBABLE_DUPLICATE", duplicateOf(shot, "ACC21")));
        }
    }

    private static String duplicateOf(ServiceKey line, String clm01) {
        return line.line() + ": probable duplicate: the same patient, date of service, procedure and modifiers were sent to"
                + " payer acme on claim " + clm01 + " in file acme-1.837 on 2026-11-01; to correct that claim send a"
                + " replacement (frequency 7) with the payer claim number";
    }

    private static IncomingClaim withServices(IncomingClaim in, String frequency, List<ServiceKey> services) {
        return new IncomingClaim(in.clinicId(), in.clm01(), frequency, frequency.equals("1") ? null : "PCN1", in.payerId(),
                in.totalCharge(), in.payloadJson(), in.contentHash(), in.source(), in.reasons(), services);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_same_claim_from_eight_threads_is_recorded_once(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<IntakeOutcome>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> ledger.intake().recordClaim(claim("E1", "e1", List.of())));
            }
            List<Kind> kinds = new ArrayList<>();
            for (Future<IntakeOutcome> result : pool.invokeAll(tasks)) {
                kinds.add(result.get().kind());
            }
            pool.shutdown();

            assertThat(kinds).containsOnlyOnce(Kind.ACCEPTED).containsOnly(Kind.ACCEPTED, Kind.DUPLICATE);
            assertThat(ledger.queries().findByClm01("sunrise", "E1")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void unreadable_input_is_kept(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long id = ledger.intake().recordUnreadable("sunrise", new Source("file", "bad.hl7", "X9"), 3,
                    List.of(new Reason("MSH-9", "UNSUPPORTED_MESSAGE_TYPE", "unsupported message type ADT^A04")));
            assertThat(id).isPositive();
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT message_ordinal, reasons FROM rejected_input")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(3);
                assertThat(row.getString(2)).contains("MSH-9: unsupported message type ADT^A04");
            }
        }
    }

    private static IncomingClaim claim(String clm01, String hash, List<Reason> reasons) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("215.00"), "{\"x\":1}", hash,
                new Source("file", "visit.hl7", clm01.equals("ACC1") ? "M1" : null), reasons);
    }

    private static List<Integer> versions(LedgerDatabase db) throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
