package io.claimshub.cluster;

import io.claimshub.testing.HubProcess;
import io.claimshub.testing.Dft;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.mllp.MllpTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Claims per second end to end (MLLP in, 837 written in the payer's folder) with the H2 single node and
 * with 1, 2 and 3 nodes on one PostgreSQL ledger, and with the hub as it was before the cluster code
 * (one node on PostgreSQL), in one run (BENCHMARKS.md). Not a test. Needs CLAIMSHUB_TEST_PG_URL etc. and
 * the test classpath as java.class.path (each node is a JVM). The pre-cluster hub is a source tree of the
 * last commit before the cluster merge, built with its dependency classpath in target/cp.txt:
 * <pre>
 * mkdir /tmp/precluster &amp;&amp; git archive 9982296 | tar -x -C /tmp/precluster
 * (cd /tmp/precluster &amp;&amp; mvn -o -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.claimshub.cluster.ClusterBenchmark 2000 8 3 /tmp/precluster
 * </pre>
 * Arguments: messages per measurement, senders, rounds (each round measures every setup once, in turn;
 * the table shows each setup's median), the pre-cluster tree (optional).
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    /** One way to run the hub: which build, which ledger, how many nodes. */
    private record Setup(String label, Path installDir, boolean postgres, int nodes) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path preCluster = args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null;
        List<Setup> setups = new ArrayList<>();
        if (preCluster != null) {
            setups.add(new Setup("PostgreSQL, 1 node, pre-cluster (9982296)", preCluster, true, 1));
            setups.add(new Setup("H2, 1 node, pre-cluster (9982296)", preCluster, false, 1));
        }
        setups.add(new Setup("H2, 1 node", null, false, 1));
        for (int nodes = 1; nodes <= 3; nodes++) {
            setups.add(new Setup("PostgreSQL, " + nodes + " node" + (nodes > 1 ? "s" : ""), null, true, nodes));
        }
        Map<Setup, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Setup setup : setups) {
                double measured = run(setup, messages, senders);
                System.out.printf("round %d: %s: %.1f s%n", round, setup.label(), measured);
                seconds.computeIfAbsent(setup, s -> new ArrayList<>()).add(measured);
            }
        }
        double baseline = preCluster == null ? Double.NaN : messages / median(seconds.get(setups.get(0)));
        System.out.println("| ledger, nodes | claims | seconds (median of " + rounds + ") | claims/s | vs pre-cluster |");
        System.out.println("|---|---|---|---|---|");
        seconds.forEach((setup, measured) -> {
            double rate = messages / median(measured);
            System.out.printf("| %s | %,d | %.1f | %,.0f | %s |%n", setup.label(), messages, median(measured), rate,
                    Double.isNaN(baseline) ? "" : String.format("%.2f", rate / baseline));
        });
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Seconds from the first DFT sent until the last of them is in a written 837, after a warm-up. */
    private static double run(Setup setup, int messages, int senders) throws Exception {
        Path workDir = Files.createTempDirectory("cluster-bench");
        List<HubProcess> hubs = new ArrayList<>();
        LedgerDatabases.Target ledger = setup.postgres() ? LedgerDatabases.target("postgresql", workDir) : null;
        for (int i = 1; i <= setup.nodes(); i++) {
            HubProcess hub = setup.installDir() == null ? new HubProcess("bench-" + i, workDir, "cluster/config")
                    : HubProcess.built("bench-" + i, workDir, "cluster/config", setup.installDir());
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
                hub.awaitListening();
            }
            // warm-up on every node, not counted: 200 messages each
            send(hubs, "W", hubs.size() * 200, senders);
            awaitWritten(workDir, hubs.size() * 200);
            long started = System.nanoTime();
            send(hubs, "B", messages, senders);
            awaitWritten(workDir, hubs.size() * 200 + messages);
            return (System.nanoTime() - started) / 1e9;
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
                    // segments end with "~", with or without a line break (the pre-cluster build writes none)
                    claims += (int) Stream.of(Files.readString(file, StandardCharsets.ISO_8859_1).split("~"))
                            .filter(segment -> segment.strip().startsWith("CLM*")).count();
                }
            }
        }
        return claims;
    }
}
