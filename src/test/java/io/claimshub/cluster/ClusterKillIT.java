package io.claimshub.cluster;

import io.claimshub.testing.Dft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three hubs, each a JVM of its own, on one PostgreSQL ledger and one data folder. DFTs go to all three
 * over MLLP (a sender whose hub is gone resends to the next one, as a TCP load balancer would). In the
 * middle of the load one hub is killed with {@code kill -9}, another is frozen with SIGSTOP past its
 * lease and woken, and a third is restarted. Afterwards every AA-acknowledged message is a claim
 * exactly once, every claim is in exactly one 837 file, no two files of a payer share an ISA13, no
 * batch is left half-written and no temporary file is left in a payer folder.
 */
class ClusterKillIT {

    /** 1,000 rather than the 5,000: three JVMs on the shared 2-core CI machine. */
    private static final int MESSAGES = 1_000;
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void three_hubs_lose_and_double_nothing_when_one_is_killed_one_frozen_and_one_restarted_mid_load() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        LedgerDatabases.Target ledger = LedgerDatabases.target("postgresql", workDir);
        List<HubProcess> hubs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            hubs.add(new HubProcess("node-" + i, workDir, "cluster/config")
                    .ledger(ledger.url(), ledger.user(), ledger.password())
                    .property("claimshub.node.lease", LEASE.toSeconds() + "s")
                    .apiUser("rita", "reader", "rita-secret-1"));
        }
        try (HubProcess one = hubs.get(0); HubProcess two = hubs.get(1); HubProcess three = hubs.get(2)) {
            for (HubProcess hub : hubs) {
                hub.start();
            }
            for (HubProcess hub : hubs) {
                awaitListening(hub);
            }

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, String> otherAnswers = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(6);
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                int sender = s;
                runs.add(senders.submit(() -> {
                    int next;
                    while ((next = sent.getAndIncrement()) < MESSAGES) {
                        String controlId = "K" + next;
                        String message = Dft.message().controlId(controlId).clm01("CLM" + next)
                                .payer(next % 5 == 0 ? "MEDICARE" : "ACME").build();
                        String code = sendWithFailover(hubs, sender + next, message);
                        if ("AA".equals(code)) {
                            acknowledged.add(controlId);
                        } else {
                            otherAnswers.put(controlId, code);
                        }
                    }
                    return null;
                }));
            }

            await().atMost(Duration.ofMinutes(5)).until(() -> acknowledged.size() >= MESSAGES / 4);
            two.kill();
            await().atMost(Duration.ofMinutes(5)).until(() -> acknowledged.size() >= MESSAGES / 2);
            one.signal("STOP");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> leaseExpired(ledger, one.name()));
            one.signal("CONT");
            await().atMost(Duration.ofMinutes(5)).until(() -> acknowledged.size() >= MESSAGES * 3 / 4);
            three.stop();
            three.start();
            for (Future<?> run : runs) {
                run.get();
            }
            senders.shutdown();

            assertThat(otherAnswers).as("messages not answered AA").isEmpty();
            assertThat(acknowledged).hasSize(MESSAGES);

            // the killed hub's unfinished work is taken over once its lease ran out
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(ledger, "SELECT COUNT(*) FROM claim WHERE status = 'DELIVERED'") == MESSAGES
                            && count(ledger, "SELECT COUNT(*) FROM batch WHERE status <> 'delivered'") == 0);

            assertThat(count(ledger, "SELECT COUNT(*) FROM claim")).as("claims").isEqualTo(MESSAGES);
            assertThat(count(ledger, "SELECT COUNT(DISTINCT source_control_id) FROM claim")).isEqualTo(MESSAGES);
            assertThat(count(ledger, "SELECT COUNT(*) FROM intake_message")).isEqualTo(MESSAGES);

            Map<String, Integer> claimsInFiles = new HashMap<>();
            int files = 0;
            for (String payer : List.of("acme", "medicare")) {
                Set<String> isa13s = new HashSet<>();
                for (Path file : files(workDir.resolve("data/payers").resolve(payer).resolve("inbound"))) {
                    assertThat(file.getFileName().toString()).as("left in " + payer + "'s folder").endsWith(".837");
                    X12TestReader x12 = X12TestReader.read(file);
                    assertThat(isa13s.add(x12.values("ISA", 13).get(0))).as("ISA13 reused: " + file).isTrue();
                    x12.values("CLM", 1).forEach(clm01 -> claimsInFiles.merge(clm01, 1, Integer::sum));
                    files++;
                }
            }
            assertThat(claimsInFiles).hasSize(MESSAGES);
            assertThat(claimsInFiles.values()).as("claims in more than one file").containsOnly(1);
            assertThat(files).isEqualTo(count(ledger, "SELECT COUNT(*) FROM batch"));
            for (HubProcess hub : hubs) {
                assertThat(hub.logText()).as(hub.name() + "'s log").doesNotContain("batch not written");
            }
            // which node holds what: the killed node's lease ran out and it holds nothing any more
            JsonNode nodes = JSON.readTree(get(one, "/api/nodes"));
            Map<String, JsonNode> byId = new HashMap<>();
            nodes.forEach(node -> byId.put(node.get("nodeId").asText(), node));
            assertThat(byId.get("node-1").get("alive").asBoolean()).isTrue();
            assertThat(byId.get("node-2").get("alive").asBoolean()).isFalse();
            assertThat(byId.get("node-2").get("writingBatches")).isEmpty();
            assertThat(byId.get("node-3").get("alive").asBoolean()).isTrue();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(three.observeUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .containsPattern("hub_node_lease_running\\{[^}]*node=\"node-3\"[^}]*} 1\\.0");

            long takenOver = hubs.stream().mapToLong(hub -> hub.logText().lines()
                    .filter(line -> line.contains("recovering batch")).count()).sum();
            System.out.printf("cluster kill test: acknowledged=%d claims=%d files=%d duplicates=%d lost=%d"
                            + " batches-taken-over=%d%n", acknowledged.size(), count(ledger, "SELECT COUNT(*) FROM claim"),
                    files, claimsInFiles.values().stream().filter(n -> n > 1).count(), MESSAGES - claimsInFiles.size(),
                    takenOver);
        }
    }

    private static String get(HubProcess hub, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                        + path)).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("rita:rita-secret-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * Sends to the sender's hub, and when that hub is gone (refused, reset, no answer) resends the same
     * message to the next one: what an EHR behind a TCP load balancer does.
     */
    private static String sendWithFailover(List<HubProcess> hubs, int start, String message) {
        IOException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            HubProcess hub = hubs.get((start + attempt) % hubs.size());
            try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 30_000)) {
                return MllpTestClient.code(client.send(message));
            } catch (IOException e) {
                last = e;
                sleepQuietly(200);
            }
        }
        throw new IllegalStateException("no hub answered", last);
    }

    private static void awaitListening(HubProcess hub) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(hub.isAlive()).as(hub.name() + " died at start:\n" + hub.logText()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", hub.mllpPort()), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int count(LedgerDatabases.Target ledger, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(ledger.url(), ledger.user(), ledger.password());
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Whether the node's lease has run out, by the ledger's record of it (UTC wall-clock). */
    private static boolean leaseExpired(LedgerDatabases.Target ledger, String node) throws Exception {
        try (Connection connection = DriverManager.getConnection(ledger.url(), ledger.user(), ledger.password());
             var statement = connection.prepareStatement("SELECT lease_until < ? FROM hub_node WHERE node_id = ?")) {
            statement.setTimestamp(1, java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)));
            statement.setString(2, node);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
