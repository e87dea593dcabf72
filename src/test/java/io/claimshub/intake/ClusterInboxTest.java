package io.claimshub.intake;

import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.TestClock;
import io.claimshub.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hubs polling one shared clinic inbox on one PostgreSQL ledger: each file is taken by exactly one of
 * them, a file half-read by a hub that died is taken over once its lease ran out, and a hub frozen past its
 * lease does not move a file another hub took over.
 */
class ClusterInboxTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    /** Long enough that no lease runs out while a test runs unless the test moves the clock. */
    private static final Duration LEASE = Duration.ofHours(1);
    private static final Pattern PROCESSED = Pattern.compile("file processed clinic=sunrise file=(\\S+) messages=(\\d+)"
            + " accepted=(\\d+) rejected=\\d+ duplicates=(\\d+)");

    @TempDir
    Path dir;

    private PartnerConfig partners;
    private LedgerDatabases.Target target;
    private Path inbox;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            Files.copy(Path.of("src/test/resources/e2e/config", name), config.resolve(name));
        }
        partners = PartnerConfigLoader.load(config, dir);
        target = LedgerDatabases.target("postgresql", dir);
        inbox = Files.createDirectories(dir.resolve("data/clinics/sunrise/inbox"));
    }

    @Test
    void three_hubs_polling_one_inbox_take_each_file_exactly_once() throws Exception {
        Clock clock = Clock.systemUTC();
        int fileCount = 40;
        int perFile = 3;
        for (int f = 0; f < fileCount; f++) {
            StringBuilder content = new StringBuilder();
            for (int m = 0; m < perFile; m++) {
                content.append(Dft.message().controlId("F" + f + "M" + m).clm01("CL" + f + "-" + m).build());
            }
            settle(Files.writeString(inbox.resolve(String.format("visits-%02d.hl7", f)), content), clock);
        }
        try (LedgerDatabase db = target.open(); LogCapture log = new LogCapture();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock);
             HubNodes nodeC = node(db, "node-c", clock)) {
            List<ClinicInbox> hubs = List.of(inbox(db, "node-a", clock, () -> { }),
                    inbox(db, "node-b", clock, () -> { }), inbox(db, "node-c", clock, () -> { }));
            ExecutorService pollers = Executors.newFixedThreadPool(hubs.size());
            List<Future<?>> runs = new ArrayList<>();
            for (ClinicInbox hub : hubs) {
                runs.add(pollers.submit(() -> {
                    while (!Fixtures.files(inbox).isEmpty()) {
                        hub.poll("sunrise");
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
            pollers.shutdown();

            String text = log.text();
            List<String> processed = new ArrayList<>();
            Matcher line = PROCESSED.matcher(text);
            while (line.find()) {
                processed.add(line.group(1));
                assertThat(line.group(2)).as("messages of %s", line.group(1)).isEqualTo(Integer.toString(perFile));
                assertThat(line.group(3)).as("accepted of %s", line.group(1)).isEqualTo(Integer.toString(perFile));
                assertThat(line.group(4)).as("duplicates of %s", line.group(1)).isEqualTo("0");
            }
            assertThat(processed).hasSize(fileCount).doesNotHaveDuplicates();
            assertThat(text).doesNotContain("WARN").doesNotContain("ERROR");
            assertThat(Fixtures.files(inbox)).isEmpty();
            assertThat(Fixtures.files(inbox.resolve(".done"))).hasSize(fileCount);
            assertThat(Fixtures.files(inbox.resolve(".error"))).isEmpty();
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), clock);
            for (int f = 0; f < fileCount; f++) {
                for (int m = 0; m < perFile; m++) {
                    assertThat(ledger.findByClm01("sunrise", "CL" + f + "-" + m)).hasSize(1);
                }
            }
        }
    }

    @Test
    void a_file_half_read_by_a_hub_that_died_is_taken_over_once_its_lease_ran_out() throws Exception {
        TestClock clock = new TestClock();
        Path file = settle(Files.writeString(inbox.resolve("visits.hl7"), Dft.message().controlId("D1").clm01("DIED1").build()
                + Dft.message().controlId("D2").clm01("DIED2").build()
                + Dft.message().controlId("D3").clm01("DIED3").build()), clock);
        try (LedgerDatabase db = target.open();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            // node A dies right after its first message is in the ledger: nothing of its own is cleaned up
            ClinicInbox hubA = inbox(db, "node-a", clock, () -> {
                throw new ProcessDied();
            });
            assertThatThrownBy(() -> hubA.poll("sunrise")).isInstanceOf(ProcessDied.class);
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), clock);
            assertThat(ledger.findByClm01("sunrise", "DIED1")).hasSize(1);
            // who holds what: the API's list and the node's own gauges (from its last renewal)
            nodeA.renew();
            assertThat(nodeA.snapshot().inboxFilesReading()).isEqualTo(1);
            assertThat(nodeB.nodes()).filteredOn(n -> n.nodeId().equals("node-a")).singleElement()
                    .satisfies(n -> assertThat(n.readingInboxFiles()).containsExactly("sunrise/visits.hl7"));

            // A's lease still runs: node B leaves the file alone
            ClinicInbox hubB = inbox(db, "node-b", clock, () -> { });
            hubB.poll("sunrise");
            assertThat(file).exists();
            assertThat(ledger.findByClm01("sunrise", "DIED2")).isEmpty();

            // A's lease ran out: B takes the file over, every message once
            clock.advance(LEASE.plusMinutes(1));
            nodeB.renew();
            hubB.poll("sunrise");
            assertThat(file).doesNotExist();
            assertThat(Fixtures.files(inbox.resolve(".done"))).hasSize(1);
            for (String clm01 : List.of("DIED1", "DIED2", "DIED3")) {
                assertThat(ledger.findByClm01("sunrise", clm01)).hasSize(1);
            }
            assertThat(nodeB.nodes()).allSatisfy(n -> assertThat(n.readingInboxFiles()).isEmpty());
        }
    }

    @Test
    void a_hub_frozen_past_its_lease_while_reading_does_not_move_the_file_another_hub_took_over() throws Exception {
        TestClock clock = new TestClock();
        Path file = settle(Files.writeString(inbox.resolve("visits.hl7"), Dft.message().controlId("Z1").clm01("FROZEN1").build()
                + Dft.message().controlId("Z2").clm01("FROZEN2").build()), clock);
        try (LedgerDatabase db = target.open(); LogCapture log = new LogCapture();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            CountDownLatch frozen = new CountDownLatch(1);
            CountDownLatch wake = new CountDownLatch(1);
            ClinicInbox hubA = inbox(db, "node-a", clock, () -> {
                frozen.countDown();
                await(wake);
            });
            ExecutorService thread = Executors.newSingleThreadExecutor();
            Future<?> readingA = thread.submit(() -> {
                hubA.poll("sunrise");
                return null;
            });
            assertThat(frozen.await(1, TimeUnit.MINUTES)).isTrue();

            // A freezes past its lease: B takes the file over and moves it to .done
            clock.advance(LEASE.plusMinutes(1));
            nodeB.renew();
            inbox(db, "node-b", clock, () -> { }).poll("sunrise");
            assertThat(file).doesNotExist();
            List<Path> done = Fixtures.files(inbox.resolve(".done"));
            assertThat(done).hasSize(1);

            // A wakes, reads on, and finds the file no longer its own: it moves nothing
            nodeA.renew();
            wake.countDown();
            readingA.get(1, TimeUnit.MINUTES);
            thread.shutdown();
            assertThat(Fixtures.files(inbox.resolve(".done"))).isEqualTo(done);
            assertThat(Fixtures.files(inbox.resolve(".error"))).isEmpty();
            assertThat(log.text()).contains("file left to another hub clinic=sunrise file=visits.hl7")
                    .contains("lease of node-a ran out; another hub finished it");
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), clock);
            assertThat(ledger.findByClm01("sunrise", "FROZEN1")).hasSize(1);
            assertThat(ledger.findByClm01("sunrise", "FROZEN2")).hasSize(1);
        }
    }

    /** A hub's inbox: {@code afterEachClaim} runs once a message of a file is in the ledger. */
    private ClinicInbox inbox(LedgerDatabase db, String nodeId, Clock clock, Runnable afterEachClaim) {
        IntakeLedger ledger = new IntakeLedger(db.dataSource(), clock);
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(clock));
        ClaimIntake intake = new ClaimIntake(preparation, ledger, new RejectionWriter(clock), payer -> afterEachClaim.run());
        return new ClinicInbox(partners, new ClinicFileIntake(partners, intake, new ClinicFileReader(ReadLimits.DEFAULTS)),
                new FailedFileReasons(), WINDOW, clock, new WorkClaims(db.dataSource(), clock, nodeId));
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }

    /** As if the file had been written longer ago than the window. */
    private static Path settle(Path file, Clock clock) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(WINDOW).minusSeconds(1)));
        return file;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The hub process ends here: no catch block, no finally of the hub's runs. */
    private static final class ProcessDied extends Error {
    }
}
