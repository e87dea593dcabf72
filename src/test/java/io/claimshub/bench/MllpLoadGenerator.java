package io.claimshub.bench;

import io.claimshub.HubHarness;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.mllp.MllpTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens N MLLP connections and sends M generated DFT^P03 messages on each, one at a time per
 * connection as an EHR does (send, wait for the ACK, send the next), then reports messages/second
 * and ACK latency percentiles. Without a port it starts a hub of its own (shipped config, H2 ledger
 * in a temporary folder). See BENCHMARKS.md:
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.MllpLoadGenerator -Dexec.args="8 2000"</pre>
 */
public final class MllpLoadGenerator {

    private MllpLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perConnection = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        HubHarness hub = null;
        int port;
        if (args.length > 2) {
            port = Integer.parseInt(args[2]);
        } else {
            hub = new HubHarness(Files.createTempDirectory("claims-hub-load")).withConfigFrom(Path.of("config"))
                    .withProperty("claimshub.mllp.max-connections", String.valueOf(connections + 2))
                    .withProperty("claimshub.ledger.url", System.getProperty("ledger.url", "jdbc:h2:file:" + Files.createTempDirectory("ledger") + "/claims;WRITE_DELAY=0"))
                    // the shipped tick, not the harness's 100 ms test tick: the timer's work competes for the CPU
                    .withProperty("claimshub.batch.tick", "1000").start();
            port = hub.mllpPort();
        }
        try {
            // Warm-up on other factory seeds: MSH-10 and CLM01 carry the seed modulo 1000, so the measured
            // messages are new claims, not resends.
            run(port, connections, 200, 500, false);
            long[] latencies = run(port, connections, perConnection, 0, true);
            Arrays.sort(latencies);
            System.out.printf("p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
        } finally {
            if (hub != null) {
                hub.stop();
            }
        }
    }

    /** Returns every message's ACK latency in nanoseconds. */
    private static long[] run(int port, int connections, int perConnection, int seedBase, boolean report) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (int c = 0; c < connections; c++) {
            int seed = seedBase + c + 1;
            results.add(pool.submit(() -> {
                Hl7MessageFactory factory = new Hl7MessageFactory(seed);
                long[] latencies = new long[perConnection];
                try (MllpTestClient client = new MllpTestClient(port)) {
                    for (int i = 0; i < perConnection; i++) {
                        String message = factory.next();
                        long sent = System.nanoTime();
                        String ack = client.send(message);
                        latencies[i] = System.nanoTime() - sent;
                        if (!"AA".equals(MllpTestClient.code(ack)) && !"AE".equals(MllpTestClient.code(ack))) {
                            throw new IllegalStateException("unexpected acknowledgement " + MllpTestClient.code(ack));
                        }
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[connections * perConnection];
        int at = 0;
        for (Future<long[]> result : results) {
            long[] latencies = result.get();
            System.arraycopy(latencies, 0, all, at, latencies.length);
            at += latencies.length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerMessage = (processCpuNanos() - cpuStart) / 1e6 / all.length;
        pool.shutdown();
        if (report) {
            System.out.printf("%d connections x %d messages = %d in %.1f s: %,.0f msg/s%n",
                    connections, perConnection, all.length, seconds, all.length / seconds);
            // CPU time of this JVM (hub and client) per message: unlike msg/s, it does not depend on what
            // else the machine is running; 2 cores / this = the most a dedicated 2-core machine could do.
            System.out.printf("CPU %.2f ms per message (hub + client): at most %,.0f msg/s on 2 dedicated cores%n",
                    cpuMillisPerMessage, 2000 / cpuMillisPerMessage);
        }
        return all;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
