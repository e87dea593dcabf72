package io.claimshub.batch;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.LogCapture;
import io.claimshub.testing.TestClock;
import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two hubs' batch writers on one PostgreSQL ledger: contention is not an error, every claim lands in
 * exactly one file, and a batch a live node is writing is not "recovered" by another until that node's
 * lease has run out; the frozen node then cannot finish it a second time.
 */
class ClusterBatchTest {

    /** Long enough that no lease is renewed on its own while a test runs: the test moves the clock. */
    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private PartnerConfig partners;
    private LedgerDatabases.Target target;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            try (InputStream in = ClusterBatchTest.class.getResourceAsStream("/e2e/config/" + name)) {
                Files.copy(in, config.resolve(name));
            }
        }
        partners = PartnerConfigLoader.load(config, dir);
        target = LedgerDatabases.target("postgresql", dir);
    }

    @Test
    void two_nodes_batching_one_payer_at_once_log_no_error_and_put_each_claim_in_exactly_one_file() throws Exception {
        Clock clock = Clock.systemUTC();
        try (LedgerDatabase db = target.open(); LogCapture log = new LogCapture();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            Ledgers ledgerA = Ledgers.open(db.dataSource(), clock, "node-a");
            Ledgers ledgerB = Ledgers.open(db.dataSource(), clock, "node-b");
            int claims = 120;
            for (int i = 0; i < claims; i++) {
                accept(ledgerA.intake(), "C" + i);
            }
            // acme batches hold 2 claims: 60 files, two nodes with two threads each competing for them
            BatchWriter writerA = writer(ledgerA.batches(), clock);
            BatchWriter writerB = writer(ledgerB.batches(), clock);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> runs = new ArrayList<>();
            for (BatchWriter writer : List.of(writerA, writerB, writerA, writerB)) {
                runs.add(threads.submit(() -> {
                    while (ledgerA.queries().countPending("acme") > 0) {
                        writer.flushDue();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            threads.shutdown();

            assertThat(log.text()).doesNotContain("ERROR");
            List<Path> files = files(dir.resolve("data/payers/acme/inbound"));
            assertThat(files).hasSize(claims / 2);
            List<String> clm01s = new ArrayList<>();
            Set<String> isa13s = new HashSet<>();
            for (Path file : files) {
                X12TestReader x12 = X12TestReader.read(file);
                clm01s.addAll(x12.values("CLM", 1));
                assertThat(isa13s.add(x12.values("ISA", 13).get(0))).isTrue();
            }
            assertThat(clm01s).hasSize(claims).doesNotHaveDuplicates();
            for (int i = 0; i < claims; i++) {
                assertThat(ledgerA.queries().findByClm01("sunrise", "C" + i)).singleElement()
                        .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.DELIVERED));
            }
        }
    }

    @Test
    void a_batch_a_live_node_is_writing_is_taken_over_only_after_its_lease_ran_out_and_the_frozen_node_is_fenced()
            throws Exception {
        TestClock clock = new TestClock();
        try (LedgerDatabase db = target.open();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            Ledgers ledgerA = Ledgers.open(db.dataSource(), clock, "node-a");
            Ledgers ledgerB = Ledgers.open(db.dataSource(), clock, "node-b");
            long first = accept(ledgerA.intake(), "W1");
            long second = accept(ledgerA.intake(), "W2");
            // node A committed the batch and is writing its file right now
            Batch batch = ledgerA.batches().createBatch("acme", icn -> BatchFileNames.of("acme", clock.instant(), icn),
                    List.of(List.of(first, second)));
            Path file = dir.resolve("data/payers/acme/inbound").resolve(batch.fileName());

            // node B restarts: A's lease runs, so the batch is A's
            writer(ledgerB.batches(), clock).recover();
            assertThat(file).doesNotExist();
            assertThat(ledgerB.queries().claim(first).orElseThrow().status()).isEqualTo(ClaimStatus.QUEUED);

            // A freezes (no renewal) past its lease: B's next tick takes the batch over and finishes it
            clock.advance(LEASE.plusMinutes(1));
            nodeB.renew();
            writer(ledgerB.batches(), clock).flushDue();
            assertThat(file).exists();
            assertThat(ledgerB.queries().claim(first).orElseThrow().status()).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(X12TestReader.read(file).values("ISA", 13)).containsExactly(String.format("%09d",
                    batch.interchangeControlNumber()));

            // A wakes up: it may neither rename nor commit the batch again
            assertThatThrownBy(() -> ledgerA.batches().ensureHoldsBatch(batch.id())).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> ledgerA.batches().markBatchDelivered(batch.id(), file.toString()))
                    .isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("now held by node-b");
            assertThat(ledgerA.queries().history(first)).extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED);
        }
    }

    @Test
    void a_delivery_attempt_a_live_node_runs_is_not_started_again_by_another_until_its_lease_ran_out() throws Exception {
        TestClock clock = new TestClock();
        try (LedgerDatabase db = target.open();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            Ledgers claims = Ledgers.open(db.dataSource(), clock, "node-a");
            Batch batch = claims.batches().createBatch("acme", icn -> BatchFileNames.of("acme", clock.instant(), icn),
                    List.of(List.of(accept(claims.intake(), "D1"))));
            claims.batches().markBatchWritten(batch.id());
            DeliveryLedger deliveryA = new DeliveryLedger(db.dataSource(), clock, "node-a");
            DeliveryLedger deliveryB = new DeliveryLedger(db.dataSource(), clock, "node-b");
            assertThat(deliveryA.enqueueWritten(List.of("acme"))).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));

            DeliveryLedger.Started uploading = deliveryA.startAttempt(batch.id()).orElseThrow();
            assertThat(deliveryB.startAttempt(batch.id())).isEmpty();

            clock.advance(LEASE.plusMinutes(1));
            nodeB.renew();
            DeliveryLedger.Started takenOver = deliveryB.startAttempt(batch.id()).orElseThrow();
            assertThat(takenOver.resumed()).isTrue();
            assertThat(deliveryB.attempts(batch.id())).extracting(DeliveryLedger.Attempt::id, DeliveryLedger.Attempt::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(uploading.attemptId(), "INTERRUPTED"),
                            org.assertj.core.groups.Tuple.tuple(takenOver.attemptId(), null));
        }
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }

    private BatchWriter writer(BatchLedger ledger, Clock clock) {
        return new BatchWriter(partners, ledger, new Claim837Writer(), new BatchDestinations(dir.resolve("data")), clock);
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".837")).sorted().toList();
        }
    }

    static long accept(IntakeLedger ledger, String clm01) {
        Person jane = new Person("Doe", "Jane", null, LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        ServiceLine visit = new ServiceLine("FT1 #1", clm01 + "-1", LocalDate.of(2026, 10, 20), "99213", List.of(),
                BigDecimal.ONE, new BigDecimal("95.00"), List.of(1), null);
        Claim claim = new Claim(clm01, new BigDecimal("95.00"), "1", null, null, null, null, jane,
                List.of(new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP1", "W1", "18", jane)),
                List.of(new Diagnosis("J209", "DG1 #1")), List.of(visit), List.of());
        String json = ClaimJson.write(claim);
        return ledger.recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "acme", claim.totalCharge(), json,
                ClaimJson.contentHash(json), new Source("file", "visits.hl7", "M-" + clm01), List.of())).claimId();
    }
}
