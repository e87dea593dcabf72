package io.claimshub.cluster;

import io.claimshub.testing.HubProcess;
import io.claimshub.testing.Dft;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fencing with real processes: the hub writing a batch file is frozen with SIGSTOP until its lease ran
 * out; the other hub takes the batch over and writes it; when SIGCONT wakes the frozen hub, it finds the
 * batch is no longer its own and leaves it: one file per batch, no ISA13 twice, no claim in two files,
 * no temporary file left behind.
 */
class ClusterFencingIT {

    private static final int BATCH = 1_500;
    private static final Duration LEASE = Duration.ofSeconds(3);

    @TempDir
    Path workDir;

    @Test
    void a_hub_frozen_past_its_lease_while_writing_a_batch_leaves_it_to_the_hub_that_took_it_over() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        LedgerDatabases.Target target = LedgerDatabases.target("postgresql", workDir);
        ClusterLedger ledger = new ClusterLedger(target);
        try (HubProcess one = node("node-1", target); HubProcess two = node("node-2", target)) {
            one.start();
            two.start();
            one.awaitListening();
            two.awaitListening();
            Map<String, HubProcess> hubs = Map.of(one.name(), one, two.name(), two);

            // A batch is made once 1,500 claims wait. Freeze whichever hub is writing it; when the write
            // was over before the freeze took hold, wake it and try with the next batch.
            Optional<String[]> frozen = Optional.empty();
            int sent = 0;
            int rounds = 0;
            for (; rounds < 4 && frozen.isEmpty(); rounds++) {
                sendClaims(List.of(one, two), sent, BATCH);
                sent += BATCH;
                frozen = freezeTheWriter(ledger, hubs);
            }
            assertThat(frozen).as("no hub was caught writing a batch in 4 tries").isPresent();
            String batchId = frozen.get()[0];
            HubProcess sleeper = hubs.get(frozen.get()[1]);
            HubProcess survivor = sleeper == one ? two : one;

            // the survivor waits out the sleeper's lease, takes the batch over and writes it
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> ledger.count(
                    "SELECT COUNT(*) FROM batch WHERE id = ? AND status = 'delivered' AND owner_node = ?",
                    Long.parseLong(batchId), survivor.name()) == 1);
            assertThat(survivor.logText()).contains("recovering batch").contains("previous-node=" + sleeper.name());

            sleeper.signal("CONT");
            // fencing: the woken hub finds the batch is another's and says so instead of finishing it
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sleeper.logText().contains("batch left to another hub"));
            // what it might still do wrongly (a rename, a commit) would happen by its next ticks
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !ledger.leaseExpired(sleeper.name()));
            Thread.sleep(LEASE.toMillis());

            assertThat(ledger.count("SELECT COUNT(*) FROM batch WHERE status <> 'delivered'")).isZero();
            Path folder = workDir.resolve("data/payers/acme/inbound");
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.sorted().toList();
            }
            assertThat(files).as("a temporary file left in the payer's folder")
                    .allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".837").doesNotStartWith("."));
            assertThat(files).hasSize(ledger.count("SELECT COUNT(*) FROM batch"));
            Set<String> isa13s = new HashSet<>();
            Map<String, Integer> claimsInFiles = new HashMap<>();
            for (Path file : files) {
                X12TestReader x12 = X12TestReader.read(file);
                assertThat(isa13s.add(x12.values("ISA", 13).get(0))).as("ISA13 twice: " + file).isTrue();
                x12.values("CLM", 1).forEach(clm01 -> claimsInFiles.merge(clm01, 1, Integer::sum));
            }
            assertThat(claimsInFiles).hasSize(ledger.count("SELECT COUNT(*) FROM claim WHERE status = 'DELIVERED'"));
            assertThat(claimsInFiles.values()).as("claims in more than one file").containsOnly(1);
            // a batch closes at batch.maxClaims or when its oldest claim has waited batch.every, so the frozen
            // one may hold fewer than a round sends: every claim it was made with is delivered in it
            int madeWith = ledger.count("SELECT claim_count FROM batch WHERE id = ?", Long.parseLong(batchId));
            assertThat(madeWith).isPositive();
            assertThat(ledger.count("SELECT COUNT(*) FROM claim WHERE status = 'DELIVERED' AND batch_id = ?",
                    Long.parseLong(batchId))).as("the taken-over batch's claims").isEqualTo(madeWith);
            System.out.printf("cluster fencing test: batch %s frozen on %s in round %d, written by %s; files=%d claims=%d%n",
                    batchId, sleeper.name(), rounds, survivor.name(), files.size(), claimsInFiles.size());
        }
    }

    private HubProcess node(String name, LedgerDatabases.Target target) {
        return new HubProcess(name, workDir, "cluster/fencing").ledger(target.url(), target.user(), target.password())
                .property("claimshub.node.lease", LEASE.toSeconds() + "s");
    }

    /**
     * Watches the ledger for a batch being written and freezes the hub writing it. Present (batch id,
     * node) when that hub is frozen with the batch still in its hands; empty (and the hub awake again)
     * when the batch was finished first. The watch keeps one connection open and asks without pause: a
     * connection per look (a PostgreSQL log-in each) took longer than a hub needs to write a batch.
     */
    private static Optional<String[]> freezeTheWriter(ClusterLedger ledger, Map<String, HubProcess> hubs)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection connection = ledger.connect();
             PreparedStatement writing = connection.prepareStatement(
                     "SELECT id, owner_node FROM batch WHERE status = 'writing' ORDER BY id");
             PreparedStatement stillWriting = connection.prepareStatement(
                     "SELECT COUNT(*) FROM batch WHERE id = ? AND status = 'writing' AND owner_node = ?");
             PreparedStatement waiting = connection.prepareStatement(
                     "SELECT COUNT(*) FROM claim WHERE status = 'VALIDATED'")) {
            for (int look = 0; System.nanoTime() < deadline; look++) {
                try (ResultSet row = writing.executeQuery()) {
                    if (row.next()) {
                        long batchId = row.getLong(1);
                        HubProcess writer = hubs.get(row.getString(2));
                        writer.signal("STOP");
                        stillWriting.setLong(1, batchId);
                        stillWriting.setString(2, writer.name());
                        try (ResultSet still = stillWriting.executeQuery()) {
                            if (still.next() && still.getInt(1) == 1) {
                                return Optional.of(new String[]{String.valueOf(batchId), writer.name()});
                            }
                        }
                        writer.signal("CONT");
                        return Optional.empty();
                    }
                }
                if (look % 100 == 99) {
                    try (ResultSet row = waiting.executeQuery()) {
                        if (row.next() && row.getInt(1) == 0) {
                            return Optional.empty();
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Claims CLMfrom … over MLLP, from four connections spread over the hubs; each must be answered AA. */
    private static void sendClaims(List<HubProcess> hubs, int from, int count) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            HubProcess hub = hubs.get(s % hubs.size());
            runs.add(senders.submit(() -> {
                try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 60_000)) {
                    int n;
                    while ((n = next.getAndIncrement()) < from + count) {
                        String ack = client.send(Dft.message().controlId("F" + n).clm01("CLM" + n).payer("ACME").build());
                        assertThat(MllpTestClient.code(ack)).as("F" + n).isEqualTo("AA");
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        senders.shutdown();
    }
}
