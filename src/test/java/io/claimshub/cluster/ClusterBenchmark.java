package io.claimshub.cluster;

import io.claimshub.testing.Dft;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.mllp.MllpTestClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Claims per second end to end (MLLP in, 837 written in the payer's folder) with the H2 single node and
 * with 1, 2 and 3 nodes on one PostgreSQL ledger, in one run (docs/cluster.md). Not a test. Needs
 * CLAIMSHUB_TEST_PG_URL etc. and the test classpath as java.class.path (each node is a JVM):
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.claimshub.cluster.ClusterBenchmark 3000 8
 * </pre>
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<String> rows = new ArrayList<>();
        rows.add(run("H2, 1 node", 1, false, messages, senders));
        for (int nodes = 1; nodes <= 3; nodes++) {
            rows.add(run("PostgreSQL, " + nodes + " node" + (nodes > 1 ? "s" : ""), nodes, true, messages, senders));
        }
        System.out.println("| ledger, nodes | claims | seconds | claims/s |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(String label, int nodeCount, boolean postgres, int messages, int senders) throws Exception {
        Path workDir = Files.createTempDirectory("cluster-bench");
        List<HubProcess> hubs = new ArrayList<>();
        LedgerDatabases.Target ledger = postgres ? LedgerDatabases.target("postgresql", workDir) : null;
        for (int i = 1; i <= nodeCount; i++) {
            HubProcess hub = new HubProcess("bench-" + i, workDir, "cluster/config");
            if (ledger != null) {
                hub.ledger(ledger.url(), ledger.user(), ledger.password());
            }
            hubs.add(hub.property("claimshub.batch.tick", "100").property("claimshub.mllp.max-connections-per-address", "64"));
        }
        try {
            for (HubProcess hub : hubs) {
                hub.start();
            }
            for (HubProcess hub : hubs) {
                awaitListening(hub);
            }
            // warm-up on every node, not counted: 200 messages each
            send(hubs, "W", hubs.size() * 200, senders);
            awaitWritten(workDir, hubs.size() * 200);
            long started = System.nanoTime();
            send(hubs, "B", messages, senders);
            awaitWritten(workDir, hubs.size() * 200 + messages);
            double seconds = (System.nanoTime() - started) / 1e9;
            return String.format("| %s | %,d | %.1f | %,.0f |", label, messages, seconds, messages / seconds);
        } finally {
            for (HubProcess hub : hubs) {
                hub.close();
            }
        }
    }

    /** Each sender keeps one connection to its node, as an EHR does, and sends one message at a time. */
    private static void send(List<HubProcess> hubs, String prefix, int messages, int senders) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> runs = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            HubProcess hub = hubs.get(s % hubs.size());
            runs.add(pool.submit(() -> {
                try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 60_000)) {
                    int n;
                    while ((n = next.getAndIncrement()) < messages) {
                        String ack = client.send(Dft.message().controlId(prefix + n).clm01(prefix + "CLM" + n)
                                .payer(n % 5 == 0 ? "MEDICARE" : "ACME").build());
                        if (!"AA".equals(MllpTestClient.code(ack))) {
                            throw new IllegalStateException("not AA: " + MllpTestClient.code(ack));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
    }

    /** Until the payers' folders hold 837 files with this many claims (CLM segments). */
    private static void awaitWritten(Path workDir, int claims) throws Exception {
        while (claimsWritten(workDir) < claims) {
            Thread.sleep(100);
        }
    }

    private static int claimsWritten(Path workDir) throws IOException {
        int claims = 0;
        for (String payer : List.of("acme", "medicare")) {
            Path folder = workDir.resolve("data/payers").resolve(payer).resolve("inbound");
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".837")).toList()) {
                    // segments end with "~" and a line break
                    claims += (int) Files.readString(file, StandardCharsets.ISO_8859_1).lines()
                            .filter(segment -> segment.startsWith("CLM*")).count();
                }
            }
        }
        return claims;
    }

    private static void awaitListening(HubProcess hub) throws InterruptedException {
        while (true) {
            if (!hub.isAlive()) {
                throw new IllegalStateException(hub.name() + " died at start:\n" + hub.logText());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", hub.mllpPort()), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
    }
}
