package io.claimshub.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.testing.HubProcess;
import io.claimshub.mllp.MllpTestClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The MLLP CPU ratio of issue 21, in one run: HAPI's {@code PipeParser.parse} CPU per message (this JVM,
 * one thread, best of 5 rounds after warm-up, default context with the v2.5.1 canonical model as in
 * {@link ConversionBenchmark}) divided by the hub's CPU per acknowledged message. The hub runs as a
 * process of its own ({@link HubProcess}: {@code ClaimsHub run}, shipped config and JVM options of
 * deploy/claims-hub.service) and its CPU is the process's own ({@code ProcessHandle…totalCpuDuration},
 * i.e. /proc/PID/stat: every thread, JIT and GC included) over the load, so the load generator in this
 * JVM does not count. ACKs come after the synced commit with the batch writer running; the payers' files
 * hold at most 1,000 claims (shipped: 5,000) so that each measured window writes several batches.
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.claimshub.bench.MllpProcessBenchmark 8000 20000
 * </pre>
 * Arguments: messages per measured point (default 8,000), warm-up messages (default 20,000, 8
 * connections). Rows for 1, 4, 8 and 16 connections on H2 (the shipped default ledger) and, when
 * CLAIMSHUB_TEST_PG_URL etc. are set, PostgreSQL; {@code -Dledgers=h2} for H2 only,
 * {@code -Dconnections=8} for other points, {@code -Dhub.jvm="-Xmx512m …"} for other hub JVM options,
 * {@code -Dhub.property.KEY=VALUE} one more key of the hub's application.properties, {@code -Dh2-url-settings=";CACHE_SIZE=65536"}
 * H2 settings added to the H2 ledger's URL,
 * {@code -Dpoint-warmup=4000} that many unmeasured messages at each point's connection count before it,
 * {@code -Dmax-claims=5000} the payers' batch size (the shipped one; default 1,000), {@code -Dbaseline=DIR} also
 * measures the hub built in DIR (e.g. an earlier commit, built as {@link HubProcess#built} says) before this
 * checkout's, ledger by ledger, in the same run.
 * After the warm-up the hub's CPU while idle is measured for 10 s ({@code -Didle-millis}); each row also
 * gives the CPU per ACK without that idle share, which on a loaded machine (few ACKs per second) is most
 * of the raw figure.
 */
public final class MllpProcessBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MllpProcessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perPoint = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int[] points = Arrays.stream(System.getProperty("connections", "1,4,8,16").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> ledgers = new ArrayList<>(List.of(System.getProperty("ledgers", "h2,postgresql").split(",")));
        if (System.getenv("CLAIMSHUB_TEST_PG_URL") == null) {
            ledgers.remove("postgresql");
        }
        double parseMicros = parseCpuMicros();
        System.out.printf("HAPI PipeParser.parse: %.1f µs CPU per message (this JVM, best of 5 rounds)%n", parseMicros);
        List<String> rows = new ArrayList<>();
        String baseline = System.getProperty("baseline");
        for (String ledger : ledgers) {
            if (baseline != null) {
                rows.addAll(runLedger(ledger, "before", Path.of(baseline).toAbsolutePath(), parseMicros, perPoint, warmup, points));
            }
            rows.addAll(runLedger(ledger, baseline == null ? "" : "after", null, parseMicros, perPoint, warmup, points));
        }
        System.out.printf("%nparse CPU per message %.1f µs%n", parseMicros);
        // The ratios divide a figure measured now by one measured minutes ago: on a shared machine either can
        // be off. A second parse measurement at the end shows whether the first one was.
        double parseAtEnd = parseCpuMicros();
        System.out.printf("parse CPU per message measured again at the end: %.1f µs%s%n", parseAtEnd,
                Math.abs(parseAtEnd - parseMicros) > 0.1 * Math.min(parseAtEnd, parseMicros)
                        ? " (more than 10 % apart: the machine was noisy, compare the CPU per ACK columns, not the ratios)" : "");
        System.out.println("| ledger | connections | msg/s | ACK p50 | ACK p99 | ACK max | hub CPU per ACK | ratio (parse ÷ hub)"
                + " | hub CPU per ACK, idle CPU taken off | ratio so |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    /** HAPI's parse alone on the generated messages: CPU per message of the best of 5 rounds after warm-up. */
    private static double parseCpuMicros() throws Exception {
        HapiContext hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        PipeParser parser = hapi.getPipeParser();
        String[] messages = messages(9000, 2000);
        for (int i = 0; i < 20_000; i++) {
            parser.parse(messages[i % messages.length]);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = THREADS.getCurrentThreadCpuTime();
            for (String message : messages) {
                parser.parse(message);
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - before) / 1e3 / messages.length);
        }
        return best;
    }

    /** @param installDir another build of the hub (the baseline), or null for this checkout's */
    private static List<String> runLedger(String ledgerName, String build, Path installDir, double parseMicros, int perPoint,
                                          int warmup, int[] points) throws Exception {
        String ledger = build.isEmpty() ? ledgerName : ledgerName + ", " + build;
        Path workDir = Files.createTempDirectory("mllp-process-bench");
        HubProcess hub = new HubProcess("bench", workDir);
        if (installDir != null) {
            hub.installedAt(installDir);
        }
        hub
                .jvmOptions(System.getProperty("hub.jvm", "-Xmx512m").split(" "))
                .property("claimshub.batch.tick", "1000")
                .property("claimshub.mllp.max-connections", "40")
                // every generator connection comes from 127.0.0.1: none is kept free for other senders
                .property("claimshub.mllp.max-connections-per-address", "32")
                .property("claimshub.mllp.reserved-connections", "0");
        // -Dhub.property.KEY=VALUE sets one more key of the hub's application.properties
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("hub.property."))
                .forEach(key -> hub.property(key.substring("hub.property.".length()), System.getProperty(key)));
        if (ledgerName.equals("h2") && System.getProperty("h2-url-settings") != null) {
            hub.ledger(hub.setup().h2LedgerUrl() + System.getProperty("h2-url-settings"), "sa", "");
        }
        hub.setup().partnerConfigFrom(Path.of("config"));
        hub.configFile("payers.yaml", Files.readString(Path.of("config/payers.yaml"))
                .replace("maxClaims: 5000", "maxClaims: " + Integer.getInteger("max-claims", 1000)));
        if (ledgerName.equals("postgresql")) {
            LedgerDatabases.Target target = LedgerDatabases.target("postgresql", workDir);
            hub.ledger(target.url(), target.user(), target.password());
        }
        List<String> rows = new ArrayList<>();
        long started = System.nanoTime();
        hub.start();
        try {
            double readySeconds = awaitReady(hub, started);
            System.out.printf("%s: start-up to ready %.1f s (process start to /observe/health/ready 200)%n", ledger, readySeconds);
            int seed = 100;
            run(hub, 8, warmup / 8, seed, null);
            seed += 8;
            // What the hub spends doing nothing (timers, health checks, the lease): on a machine so loaded that
            // one connection gets a few dozen ACKs per second, this alone is milliseconds per message.
            long idleBefore = cpuNanos(hub);
            long idleStart = System.nanoTime();
            Thread.sleep(Long.getLong("idle-millis", 10_000));
            double idleCpuPerSecond = (cpuNanos(hub) - idleBefore) / ((System.nanoTime() - idleStart) / 1e9);
            System.out.printf("%s: hub CPU while idle %.1f ms per second%n", ledger, idleCpuPerSecond / 1e6);
            for (int connections : points) {
                // -Dpoint-warmup=N: N messages at this point's connection count first, unmeasured, so that what the
                // JIT compiles for this concurrency is not counted in its ratio (the warm-up above is at 8)
                int pointWarmup = Integer.getInteger("point-warmup", 0);
                if (pointWarmup > 0) {
                    run(hub, connections, Math.max(1, pointWarmup / connections), seed, null);
                    seed += connections;
                }
                long cpuBefore = cpuNanos(hub);
                ThreadCpu threadsBefore = ThreadCpu.of(hub.pid());
                long begin = System.nanoTime();
                List<Slow> slowest = new ArrayList<>();
                long[] latencies = run(hub, connections, Math.max(1, perPoint / connections), seed, slowest);
                double seconds = (System.nanoTime() - begin) / 1e9;
                long cpu = cpuNanos(hub) - cpuBefore;
                String byThread = ThreadCpu.of(hub.pid()).perMessageSince(threadsBefore, latencies.length);
                double cpuMicrosPerAck = cpu / 1e3 / latencies.length;
                double busyMicrosPerAck = (cpu - idleCpuPerSecond * seconds) / 1e3 / latencies.length;
                seed += connections;
                Arrays.sort(latencies);
                String row = String.format("| %s | %d | %,.0f | %.1f ms | %.1f ms | %.0f ms | %.0f µs | **%.2f** | %.0f µs | %.2f |",
                        ledger, connections, latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                        latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6,
                        cpuMicrosPerAck, parseMicros / cpuMicrosPerAck, busyMicrosPerAck, parseMicros / busyMicrosPerAck);
                System.out.println(row);
                System.out.println("  hub CPU per ACK by thread, and its waits (voluntary context switches) per ACK; pool-#-thread-# are the MLLP connections: " + byThread);
                System.out.println("  slowest ACKs: " + String.join(", ", slowest.stream().sorted(Comparator.comparingLong(Slow::nanos)
                        .reversed()).limit(SLOWEST).map(Slow::toString).toList()));
                rows.add(row);
            }
            rows.add(String.format("| %s | start-up to ready: %.1f s; idle CPU %.1f ms/s | | | | | | | | |", ledger,
                    readySeconds, idleCpuPerSecond / 1e6));
        } finally {
            hub.close();
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return rows;
    }

    /** The hub process's CPU time so far: every thread, JIT and GC included. */
    private static long cpuNanos(HubProcess hub) {
        return ProcessHandle.of(hub.pid()).orElseThrow().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static double awaitReady(HubProcess hub, long started) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(hub.observeUrl() + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("the hub died at start:\n" + hub.logText());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
    }

    private static final int SLOWEST = 5;

    /** One slow ACK: when its message was sent (wall clock, to find it in a JFR recording), on which connection. */
    private record Slow(long nanos, Instant sentAt, int connection, int message) {
        @Override
        public String toString() {
            return String.format("%.0f ms (sent %s, connection %d, message %d)", nanos / 1e6, sentAt, connection, message);
        }
    }

    /**
     * {@code connections} senders, each sending {@code perConnection} messages one at a time (send, wait for
     * the ACK, send the next), as an EHR does; messages are made before the clock starts. Every ACK's
     * latency in nanoseconds; each connection's slowest few are added to {@code slowest} when it is given.
     */
    private static long[] run(HubProcess hub, int connections, int perConnection, int seedBase, List<Slow> slowest)
            throws Exception {
        List<String[]> messages = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            messages.add(messages(seedBase + c, perConnection));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String[] own = messages.get(c);
            int connection = c;
            results.add(pool.submit(() -> {
                long[] latencies = new long[own.length];
                Instant[] sentAt = new Instant[own.length];
                try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 60_000)) {
                    for (int i = 0; i < own.length; i++) {
                        sentAt[i] = Instant.now();
                        long sent = System.nanoTime();
                        String ack = client.send(own[i]);
                        latencies[i] = System.nanoTime() - sent;
                        String code = MllpTestClient.code(ack);
                        if (!"AA".equals(code) && !"AE".equals(code)) {
                            throw new IllegalStateException("unexpected acknowledgement " + code);
                        }
                    }
                }
                if (slowest != null) {
                    List<Slow> own5 = new ArrayList<>();
                    for (int i = 0; i < latencies.length; i++) {
                        own5.add(new Slow(latencies[i], sentAt[i], connection, i));
                    }
                    own5.sort(Comparator.comparingLong(Slow::nanos).reversed());
                    synchronized (slowest) {
                        slowest.addAll(own5.subList(0, Math.min(SLOWEST, own5.size())));
                    }
                }
                return latencies;
            }));
        }
        pool.shutdown();
        return joined(results);
    }

    /** Every sender's ACK latencies in one array, once all have finished. */
    static long[] joined(List<Future<long[]>> results) throws Exception {
        List<long[]> each = new ArrayList<>();
        for (Future<long[]> result : results) {
            each.add(result.get());
        }
        long[] all = new long[each.stream().mapToInt(latencies -> latencies.length).sum()];
        int at = 0;
        for (long[] latencies : each) {
            System.arraycopy(latencies, 0, all, at, latencies.length);
            at += latencies.length;
        }
        return all;
    }

    private static String[] messages(int seed, int count) {
        Hl7MessageFactory factory = new Hl7MessageFactory(seed);
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            messages[i] = factory.next();
        }
        return messages;
    }
}
