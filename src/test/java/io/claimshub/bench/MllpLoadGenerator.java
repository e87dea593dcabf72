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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens N MLLP connections and sends M generated DFT^P03 messages on each, one at a time per
 * connection as an EHR does (send, wait for the ACK, send the next), then reports messages/second
 * and ACK latency percentiles. Without a port it starts a hub of its own (shipped config, H2 ledger
 * in a temporary folder). See BENCHMARKS.md:
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.MllpLoadGenerator -Dexec.args="8 2000"</pre>
 * {@code -Dwarmup=N} sets the warm-up messages per connection (default 200; the JIT needs tens of
 * thousands of messages to settle), {@code -Dthreads=true} also prints CPU per message by thread,
 * {@code -Dsync-commits=false} measures without syncing each H2 commit to the disk,
 * {@code -Dstall-dump=MILLIS} prints the hub's thread stacks once while an ACK has been awaited that long
 * (the generator and the hub share the JVM), to see what a slow ACK waits for.
 */
public final class MllpLoadGenerator {

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private MllpLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perConnection = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        HubHarness hub = null;
        List<Path> scratch = new ArrayList<>();
        int port;
        if (args.length > 2) {
            port = Integer.parseInt(args[2]);
        } else {
            Path work = Files.createTempDirectory("claims-hub-load");
            scratch.add(work);
            Path ledgerDir = Files.createTempDirectory("ledger");
            scratch.add(ledgerDir);
            hub = new HubHarness(work).withConfigFrom(Path.of("config"))
                    .withProperty("claimshub.mllp.max-connections", String.valueOf(connections + 2))
                    // every generator connection comes from 127.0.0.1: none is kept free for other senders
                    .withProperty("claimshub.mllp.max-connections-per-address", String.valueOf(connections))
                    .withProperty("claimshub.mllp.reserved-connections", "0")
                    .withProperty("claimshub.ledger.sync-commits", System.getProperty("sync-commits", "true"))
                    .withProperty("claimshub.ledger.user", System.getProperty("ledger.user", "sa"))
                    .withProperty("claimshub.ledger.password", System.getProperty("ledger.password", ""))
                    .withProperty("claimshub.ledger.url", System.getProperty("ledger.url", "jdbc:h2:file:" + ledgerDir + "/claims;WRITE_DELAY=0"))
                    // the shipped tick, not the harness's 100 ms test tick: the timer's work competes for the CPU
                    .withProperty("claimshub.batch.tick", "1000").start();
            port = hub.mllpPort();
        }
        try {
            // Warm-up on other factory seeds: MSH-10 and CLM01 carry the seed modulo 1000, so the measured
            // messages are new claims, not resends.
            run(port, connections, Integer.getInteger("warmup", 200), 500, false);
            java.util.Map<Long, Long> cpuBefore = threadCpu();
            long[] latencies = run(port, connections, perConnection, 0, true);
            Arrays.sort(latencies);
            long slow = Arrays.stream(latencies).filter(l -> l > 500_000_000L).count();
            System.out.printf("ACKs slower than 500 ms: %d; the 5 slowest: %s%n", slow, Arrays.stream(latencies,
                    latencies.length - 5, latencies.length).mapToObj(l -> String.format("%.0f ms", l / 1e6)).toList());
            System.out.printf("p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
            if (Boolean.getBoolean("threads")) {
                printThreadCpu(cpuBefore, latencies.length);
            }
        } finally {
            if (hub != null) {
                hub.stop();
                System.out.printf("ledger file: %,d MB%n", size(scratch.get(1)) / 1_000_000);
            }
            // the ledger of a long run takes gigabytes
            for (Path dir : scratch) {
                deleteTree(dir);
            }
        }
    }

    /** Returns every message's ACK latency in nanoseconds. */
    private static long[] run(int port, int connections, int perConnection, int seedBase, boolean report) throws Exception {
        // Messages are made before the clock starts: the generator's work is not the hub's.
        List<String[]> messages = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Hl7MessageFactory factory = new Hl7MessageFactory(seedBase + c + 1);
            String[] own = new String[perConnection];
            for (int i = 0; i < perConnection; i++) {
                own[i] = factory.next();
            }
            messages.add(own);
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        StallWatch watch = StallWatch.start(connections, report ? Long.getLong("stall-dump", 0) : 0);
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong clientCpu = new AtomicLong();
        // A connection's first ACK includes its TCP handshake on the hub's side: a handshake the listen
        // queue dropped is retried by the kernel after 1 s.
        long[] firstAcks = new long[connections];
        long overflowsBefore = listenOverflows();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (int c = 0; c < connections; c++) {
            String[] own = messages.get(c);
            int connection = c;
            results.add(pool.submit(() -> {
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long[] latencies = new long[perConnection];
                try (MllpTestClient client = new MllpTestClient(port)) {
                    for (int i = 0; i < perConnection; i++) {
                        long sent = System.nanoTime();
                        watch.sending(connection, sent);
                        String ack = client.send(own[i]);
                        latencies[i] = System.nanoTime() - sent;
                        watch.answered(connection);
                        if (i == 0) {
                            firstAcks[connection] = latencies[0];
                        }
                        if (!"AA".equals(MllpTestClient.code(ack)) && !"AE".equals(MllpTestClient.code(ack))) {
                            throw new IllegalStateException("unexpected acknowledgement " + MllpTestClient.code(ack));
                        }
                    }
                }
                clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                return latencies;
            }));
        }
        long[] all = MllpProcessBenchmark.joined(results);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerMessage = (processCpuNanos() - cpuStart) / 1e6 / all.length;
        double hubCpuMillisPerMessage = cpuMillisPerMessage - clientCpu.get() / 1e6 / all.length;
        pool.shutdown();
        watch.stop();
        if (report) {
            System.out.printf("%d connections x %d messages = %d in %.1f s: %,.0f msg/s%n",
                    connections, perConnection, all.length, seconds, all.length / seconds);
            // CPU time per message: unlike msg/s, it does not depend on what else the machine is running.
            // The hub's share (all threads but the clients', JIT and GC included) says what a machine whose
            // 2 cores run only the hub could take: 2000 / that.
            System.out.printf("CPU %.2f ms per message, of which the hub %.2f ms: at most %,.0f msg/s on 2 cores"
                    + " running only the hub%n", cpuMillisPerMessage, hubCpuMillisPerMessage, 2000 / hubCpuMillisPerMessage);
            System.out.printf("first ACK of each connection: slowest %.0f ms; TCP listen queue overflows on this machine"
                    + " meanwhile: %d%n", Arrays.stream(firstAcks).max().orElse(0) / 1e6, listenOverflows() - overflowsBefore);
        }
        return all;
    }

    /** CPU per message by thread (numbers in names folded), to see where the time goes: -Dthreads=true. */
    private static void printThreadCpu(java.util.Map<Long, Long> before, int messages) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = Math.max(THREADS.getThreadCpuTime(info.getThreadId()), 0) - before.getOrDefault(info.getThreadId(), 0L);
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  %8.3f ms/msg  %s%n", e.getValue() / 1e6 / messages, e.getKey()));
    }

    /** CPU time of the live Java threads by id; the JVM's own compiler and GC threads are not listed. */
    private static java.util.Map<Long, Long> threadCpu() {
        java.util.Map<Long, Long> byId = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            byId.put(id, Math.max(THREADS.getThreadCpuTime(id), 0));
        }
        return byId;
    }

    /** The kernel's count of handshakes dropped for a full listen queue (all sockets), or -1 off Linux. */
    private static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                List<String> names = Arrays.asList(lines.get(i).split(" "));
                int at = names.indexOf("ListenOverflows");
                if (at > 0) {
                    return Long.parseLong(lines.get(i + 1).split(" ")[at]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: nothing to report
        }
        return -1;
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
