package io.claimshub.cluster;

import io.claimshub.testing.SimulatorPayers;
import io.claimshub.testing.HubProcess;
import io.claimshub.testing.Dft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.clinicreturn.MllpTestReceiver;
import io.claimshub.simulator.PayerSimulator;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Three hubs, each a JVM of its own, on one PostgreSQL ledger and one data folder, the whole way round:
 * 5,000 DFTs over MLLP spread over the three and 50 HL7 files dropped in the clinic's inbox; ACME's
 * batches go over SFTP to the payer simulator, whose 999, 277CA and 835 come back over SFTP, and the
 * clinic's EHR hears of each payment (DFT^P03 over MLLP); Medicare's batches go to a folder. In the
 * middle of the load one hub is killed with {@code kill -9}, and later restarted (a sender whose hub is
 * gone resends to the next one, as a TCP load balancer would). Afterwards: every AA-acknowledged message
 * is a claim exactly once, every claim is in exactly one delivered 837 file, no two files of a payer
 * share an ISA13, every reply is applied once, every notice is sent once, no file is left in the inbox.
 */
class ClusterKillIT {

    private static final int MESSAGES = 5_000;
    private static final int SENDERS = 24;
    private static final int FILES = 50;
    private static final int MESSAGES_PER_FILE = 2;
    private static final int CLAIMS = MESSAGES + FILES * MESSAGES_PER_FILE;
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final String SFTP_PASSWORD = "cluster-sim-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    private PayerSimulator simulator;

    @AfterEach
    void stopSimulator() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void three_hubs_lose_and_double_nothing_from_intake_to_notices_when_one_is_killed_mid_load_and_restarted()
            throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        long started = System.nanoTime();
        LedgerDatabases.Target target = LedgerDatabases.target("postgresql", workDir);
        ClusterLedger ledger = new ClusterLedger(target);
        startSimulator();
        try (MllpTestReceiver ehr = new MllpTestReceiver()) {
            List<HubProcess> hubs = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                hubs.add(node("node-" + i, target, ehr.port()));
            }
            try (HubProcess one = hubs.get(0); HubProcess two = hubs.get(1); HubProcess three = hubs.get(2)) {
                for (HubProcess hub : hubs) {
                    hub.start();
                }
                for (HubProcess hub : hubs) {
                    hub.awaitListening();
                }
                long loadStarted = System.nanoTime();

                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                Map<String, String> otherAnswers = new ConcurrentHashMap<>();
                AtomicInteger next = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
                List<Future<?>> runs = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int first = s;
                    runs.add(pool.submit(() -> {
                        try (Sender sender = new Sender(hubs, first)) {
                            int n;
                            while ((n = next.getAndIncrement()) < MESSAGES) {
                                String controlId = "K" + n;
                                String code = sender.send(Dft.message().controlId(controlId).clm01("CLM" + n)
                                        .payer(n % 5 == 0 ? "MEDICARE" : "ACME").build());
                                if ("AA".equals(code)) {
                                    acknowledged.add(controlId);
                                } else {
                                    otherAnswers.put(controlId, code);
                                }
                            }
                        }
                        return null;
                    }));
                }

                // Files go into the inbox as the load goes on; node-2 is killed at 30 % and started again at 60 %.
                AtomicInteger dropped = new AtomicInteger();
                boolean[] killedAndRestarted = new boolean[2];
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    int answered = acknowledged.size() + otherAnswers.size();
                    while (dropped.get() < FILES && answered >= dropped.get() * (MESSAGES / FILES)) {
                        dropFile(dropped.getAndIncrement());
                    }
                    if (!killedAndRestarted[0] && answered >= MESSAGES * 3 / 10) {
                        two.kill();
                        killedAndRestarted[0] = true;
                    }
                    if (killedAndRestarted[0] && !killedAndRestarted[1] && answered >= MESSAGES * 6 / 10) {
                        two.start();
                        killedAndRestarted[1] = true;
                    }
                    return runs.stream().allMatch(Future::isDone);
                });
                for (Future<?> run : runs) {
                    run.get();
                }
                pool.shutdown();
                while (dropped.get() < FILES) {
                    dropFile(dropped.getAndIncrement());
                }
                double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

                assertThat(killedAndRestarted).as("node-2 killed and restarted mid-load").containsExactly(true, true);
                assertThat(otherAnswers).as("messages not answered AA").isEmpty();
                assertThat(acknowledged).hasSize(MESSAGES);

                // every fifth DFT over MLLP is for Medicare, and the second message of each file
                int acmeClaims = MESSAGES - MESSAGES / 5 + FILES;
                Path inbox = workDir.resolve("data/clinics/sunrise/inbox");
                System.out.printf("cluster kill test: load of %d DFTs over MLLP answered in %.1f s%n", MESSAGES, loadSeconds);
                // Everything finishes: the killed hub's unfinished work is taken over once its lease ran out.
                Map<String, Integer> finished = new java.util.LinkedHashMap<>();
                finished.put("files in the inbox", 0);
                finished.put("claims", CLAIMS);
                finished.put("medicare claims not delivered", 0);
                finished.put("acme claims not paid or denied", 0);
                finished.put("batches not delivered", 0);
                finished.put("claims told to the EHR", acmeClaims);
                // a 999 or 277CA may be recorded after the 835 of its file: quiet means after every reply
                finished.put("reply files not recorded yet", 0);
                try {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        Map<String, Integer> now = new java.util.LinkedHashMap<>();
                        now.put("files in the inbox", regularFiles(inbox).size());
                        now.put("claims", ledger.count("SELECT COUNT(*) FROM claim"));
                        now.put("medicare claims not delivered", ledger.count("SELECT COUNT(*) FROM claim"
                                + " WHERE payer_id = 'medicare' AND status <> 'DELIVERED'"));
                        now.put("acme claims not paid or denied", ledger.count("SELECT COUNT(*) FROM claim"
                                + " WHERE payer_id = 'acme' AND status NOT IN ('PAID', 'DENIED')"));
                        now.put("batches not delivered", ledger.count("SELECT COUNT(*) FROM batch WHERE status <> 'delivered'"));
                        now.put("claims told to the EHR", (int) notices(ehr).stream().distinct().count());
                        now.put("reply files not recorded yet", 3 * ledger.count("SELECT COUNT(*) FROM batch"
                                + " WHERE payer_id = 'acme'") - ledger.count("SELECT COUNT(*) FROM reply_file"));
                        assertThat(now).isEqualTo(finished);
                    });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    hubs.forEach(ClusterKillIT::printProblems);
                    throw e;
                }
                // and then stays quiet: no late resend of a notice, no second copy of a reply
                Path pendingNotices = workDir.resolve("data/notify/pending");
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(regularFiles(pendingNotices)).as("notices still waiting to be sent").isEmpty();
                    assertThat(regularFiles(workDir.resolve("payer-sim/sftp/outbound"))).as("replies not picked up")
                            .isEmpty();
                });
                int noticesBefore = ehr.received().size();
                int repliesBefore = ledger.count("SELECT COUNT(*) FROM reply_file");
                try {
                    await().during(LEASE).atMost(LEASE.multipliedBy(3)).until(() -> ehr.received().size() == noticesBefore
                            && ledger.count("SELECT COUNT(*) FROM reply_file") == repliesBefore);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    System.out.printf("not quiet: notices %d -> %d, reply files %d -> %d%n", noticesBefore,
                            ehr.received().size(), repliesBefore, ledger.count("SELECT COUNT(*) FROM reply_file"));
                    hubs.forEach(ClusterKillIT::printProblems);
                    throw e;
                }

                // every AA-acknowledged message is a claim exactly once; so is every message of every file
                assertThat(ledger.count("SELECT COUNT(*) FROM claim")).as("claims").isEqualTo(CLAIMS);
                assertThat(ledger.count("SELECT COUNT(DISTINCT source_control_id) FROM claim")).isEqualTo(CLAIMS);
                assertThat(ledger.count("SELECT COUNT(*) FROM intake_message")).isEqualTo(CLAIMS);
                Set<String> claimed = new HashSet<>();
                ledger.rows("SELECT source_control_id FROM claim").forEach(row -> claimed.add(row.get(0)));
                assertThat(claimed).containsAll(acknowledged);
                assertThat(regularFiles(inbox.resolve(".error"))).as("files set aside as errors").isEmpty();
                assertThat(regularFiles(inbox.resolve(".done"))).hasSize(FILES);

                // every claim in exactly one delivered 837 file, no ISA13 twice per payer
                Map<String, Integer> claimsInFiles = new HashMap<>();
                int files = 0;
                Map<String, Path> folders = Map.of("acme", workDir.resolve("payer-sim/sftp/processed"),
                        "medicare", workDir.resolve("data/payers/medicare/inbound"));
                for (Map.Entry<String, Path> payer : folders.entrySet()) {
                    Set<String> isa13s = new HashSet<>();
                    for (Path file : regularFiles(payer.getValue())) {
                        assertThat(file.getFileName().toString()).as("left in " + payer.getKey() + "'s folder")
                                .endsWith(".837").doesNotStartWith(".");
                        X12TestReader x12 = X12TestReader.read(file);
                        assertThat(isa13s.add(x12.values("ISA", 13).get(0))).as("ISA13 reused: " + file).isTrue();
                        x12.values("CLM", 1).forEach(clm01 -> claimsInFiles.merge(clm01, 1, Integer::sum));
                        files++;
                    }
                }
                assertThat(regularFiles(workDir.resolve("payer-sim/sftp/inbound"))).as("left in the SFTP inbound").isEmpty();
                assertThat(regularFiles(workDir.resolve("payer-sim/sftp/failed"))).as("unreadable for the payer").isEmpty();
                long duplicates = claimsInFiles.values().stream().filter(n -> n > 1).count();
                int lost = CLAIMS - claimsInFiles.size();
                assertThat(claimsInFiles).hasSize(CLAIMS);
                assertThat(duplicates).as("claims in more than one file").isZero();
                assertThat(files).isEqualTo(ledger.count("SELECT COUNT(*) FROM batch"));
                int acmeFiles = ledger.count("SELECT COUNT(*) FROM batch WHERE payer_id = 'acme'");
                assertThat(ledger.count("SELECT COUNT(*) FROM delivery_attempt a JOIN batch b ON b.id = a.batch_id"
                        + " WHERE b.payer_id = 'acme' AND a.outcome = 'DELIVERED'")).as("SFTP uploads").isEqualTo(acmeFiles);

                // every reply picked up once (999, 277CA and 835 per file) and applied once per claim
                int replies = ledger.count("SELECT COUNT(*) FROM reply_file");
                assertThat(replies).as("reply files").isEqualTo(3 * acmeFiles);
                assertThat(ledger.count("SELECT COUNT(DISTINCT source_name) FROM reply_file")).isEqualTo(replies);
                assertThat(ledger.count("SELECT COUNT(*) FROM unmatched_reply")).isZero();
                assertThat(ledger.rows("SELECT claim_id, kind FROM claim_reply WHERE applied"
                        + " GROUP BY claim_id, kind HAVING COUNT(*) > 1")).as("replies applied twice").isEmpty();
                assertThat(ledger.count("SELECT COUNT(DISTINCT claim_id) FROM claim_reply WHERE applied AND kind = '835'"))
                        .isEqualTo(acmeClaims);

                // every payment told to the clinic's EHR once
                Map<String, Integer> noticesPerClaim = new HashMap<>();
                notices(ehr).forEach(clm01 -> noticesPerClaim.merge(clm01, 1, Integer::sum));
                long noticesTwice = noticesPerClaim.values().stream().filter(n -> n > 1).count();
                assertThat(noticesPerClaim).hasSize(acmeClaims);
                assertThat(noticesTwice).as("claims whose payment was told twice").isZero();

                for (HubProcess hub : hubs) {
                    assertThat(hub.logText()).as(hub.name() + "'s log").doesNotContain("batch not written");
                }
                JsonNode nodes = JSON.readTree(get(one, "/api/nodes"));
                assertThat(nodes).extracting(node -> node.get("nodeId").asText() + "=" + node.get("alive").asBoolean())
                        .containsExactlyInAnyOrder("node-1=true", "node-2=true", "node-3=true");
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(two.observeUrl() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body())
                        .containsPattern("hub_node_lease_running\\{[^}]*node=\"node-2\"[^}]*} 1\\.0");

                long takenOver = hubs.stream().mapToLong(hub -> hub.logText().lines()
                        .filter(line -> line.contains("recovering batch")).count()).sum();
                System.out.printf("cluster kill test: acknowledged=%d files-dropped=%d claims=%d 837-files=%d replies=%d"
                                + " replies-applied=%d notices=%d duplicates=%d lost=%d batches-taken-over=%d"
                                + " load=%.1fs total=%.1fs%n", acknowledged.size(), FILES,
                        ledger.count("SELECT COUNT(*) FROM claim"), files, replies,
                        ledger.count("SELECT COUNT(*) FROM claim_reply WHERE applied"), ehr.received().size(),
                        duplicates + noticesTwice, lost, takenOver, loadSeconds, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** A node of the cluster: the sunrise clinic (payments to its EHR over MLLP), ACME over SFTP, Medicare to a folder. */
    private HubProcess node(String name, LedgerDatabases.Target target, int ehrPort) throws IOException {
        String clinics = new String(ClusterKillIT.class.getResourceAsStream("/cluster/config/clinics.yaml").readAllBytes(),
                StandardCharsets.UTF_8).replace("replyTo: folder", "replyTo: mllp\n    replyHost: 127.0.0.1\n    replyPort: "
                + ehrPort);
        String payers = new String(ClusterKillIT.class.getResourceAsStream("/cluster/sftp-payers.yaml").readAllBytes(),
                StandardCharsets.UTF_8).replace("${SIMULATOR_PORT}", String.valueOf(simulator.sftpPort()));
        HubProcess hub = new HubProcess(name, workDir, "cluster/config").configFile("clinics.yaml", clinics)
                .configFile("payers.yaml", payers)
                .ledger(target.url(), target.user(), target.password());
        SimulatorPayers.pollingQuickly(hub.setup());
        // three JVMs on a loaded machine: a little less eager than one hub in a test
        return hub.property("claimshub.node.lease", LEASE.toSeconds() + "s")
                .property("claimshub.mllp.max-connections-per-address", "32")
                .property("claimshub.inbox.poll-delay", "500")
                .property("claimshub.delivery.tick", "200")
                .property("claimshub.notify.tick", "200")
                .property("claimshub.replies.incoming-poll", "500ms")
                .apiUser("rita", "reader", "rita-secret-1");
    }

    /** The payer simulator for ACME on a free SFTP port: pays 80 % of each claim, the 835 a second after the 277CA. */
    private void startSimulator() throws Exception {
        simulator = SimulatorPayers.start(workDir.resolve("payer-sim"), "ACME HEALTH PLAN", "60054",
                "{ denyOver: 1000.00, denyReason: \"96\", paidShare: 0.8, coinsuranceShare: 0 }", SFTP_PASSWORD);
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        Files.writeString(secrets.resolve("acme.pw"), SFTP_PASSWORD + "\n");
        Files.writeString(secrets.resolve("known_hosts"), simulator.knownHostsLine() + "\n");
    }

    /** One HL7 file of two DFTs, written under a hidden name and renamed into the inbox, as the docs ask. */
    private void dropFile(int n) throws IOException {
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        StringBuilder content = new StringBuilder();
        for (int m = 1; m <= MESSAGES_PER_FILE; m++) {
            content.append(Dft.message().controlId("IN" + n + "-" + m).clm01("INCLM" + n + "-" + m)
                    .payer(m == 1 ? "ACME" : "MEDICARE").build());
        }
        Path temp = inbox.resolve(".visits-" + n + ".hl7.part");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, inbox.resolve("visits-" + n + ".hl7"));
    }

    /** The CLM01 (PID-18) of each payment DFT^P03 the EHR received, in order, repeats included. */
    /** What a hub warned of, for a run that did not finish: the last 40 WARN and ERROR lines of its log. */
    private static void printProblems(HubProcess hub) {
        List<String> problems = hub.logText().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .toList();
        System.out.printf("%s: %d WARN/ERROR lines, the last ones:%n", hub.name(), problems.size());
        problems.subList(Math.max(0, problems.size() - 40), problems.size()).forEach(System.out::println);
    }

    private static List<String> notices(MllpTestReceiver ehr) {
        return ehr.received().stream().map(message -> Stream.of(message.split("\r"))
                .filter(segment -> segment.startsWith("PID|")).findFirst()
                .map(pid -> pid.split("\\|", -1)[18]).orElse("")).toList();
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String get(HubProcess hub, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                        + path)).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("rita:rita-secret-1".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * An EHR's connection through a TCP load balancer: it stays on one hub and sends one message after
     * the other; when that hub is gone (refused, reset, no answer) it connects to the next one and sends
     * the same message again.
     */
    private static final class Sender implements AutoCloseable {

        private final List<HubProcess> hubs;
        private int hub;
        private MllpTestClient client;

        Sender(List<HubProcess> hubs, int first) {
            this.hubs = hubs;
            this.hub = first % hubs.size();
        }

        String send(String message) throws InterruptedException {
            IOException last = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                try {
                    if (client == null) {
                        client = new MllpTestClient(hubs.get(hub).mllpPort(), 30_000);
                    }
                    return MllpTestClient.code(client.send(message));
                } catch (IOException e) {
                    last = e;
                    close();
                    hub = (hub + 1) % hubs.size();
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("no hub answered", last);
        }

        @Override
        public void close() {
            if (client != null) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // the hub is gone already
                }
                client = null;
            }
        }
    }
}
