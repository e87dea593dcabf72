package io.claimshub.bench;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.ServiceKey;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerDatabase;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records real claims (generated DFT^P03 messages, mapped; ~2 KB of JSON each) in the ledger from T
 * threads at once, each waiting for its commit as an MLLP connection does, and reports claims/second and
 * the JVM's CPU time per claim. With one thread every claim has a commit of its own; with more, claims
 * that arrive together share one (GroupCommit). H2 file mode in a temporary folder by default, or the
 * JDBC URL given as -Dledger.url (with -Dledger.user / -Dledger.password), e.g. PostgreSQL. -Dmllp=true records
 * each claim as the MLLP listener does: with its MSH-10 (a new one each) and its service keys, so the resend
 * and probable-duplicate checks run. See BENCHMARKS.md:
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.LedgerIntakeBenchmark -Dexec.args="8 2000"</pre>
 */
public final class LedgerIntakeBenchmark {

    private static final boolean MLLP = Boolean.getBoolean("mllp");

    private LedgerIntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ClaimPreparation preparation = BenchLedger.preparation();
        try (LedgerDatabase db = BenchLedger.open("ledger-bench")) {
            IntakeLedger ledger = new IntakeLedger(db.dataSource(), Clock.systemUTC());
            // The warm-up's messages get other accounts (CLM01s) than the measured ones (the factory's accounts
            // repeat every 1,000 seeds): otherwise the first 300 measured claims per thread would be corrections.
            run(ledger, preparation, threads, 300, 500, false);
            run(ledger, preparation, threads, perThread, 0, true);
        }
    }

    private static void run(IntakeLedger ledger, ClaimPreparation preparation, int threads, int perThread, int seedBase,
                            boolean report) throws Exception {
        List<List<IntakeLedger.IncomingClaim>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Hl7MessageFactory factory = new Hl7MessageFactory(seedBase + t + 1);
            List<IntakeLedger.IncomingClaim> claims = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                Claim claim = BenchLedger.claim(preparation, factory.next());
                String json = ClaimJson.write(claim);
                claims.add(new IntakeLedger.IncomingClaim("sunrise", claim.patientControlNumber(), claim.frequencyCode(),
                        null, "acme", claim.totalCharge(), json, ClaimJson.contentHash(json),
                        new IntakeLedger.Source(MLLP ? "mllp" : "bench", "thread-" + t, MLLP ? seedBase + "-" + t + "-" + i : null),
                        List.of(), MLLP ? ServiceKey.of(claim) : List.of()));
            }
            work.add(claims);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpu = cpuNanos();
        java.util.Map<Long, Long> commitThreadCpu = commitThreadCpu();
        long written = bytesWritten();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (List<IntakeLedger.IncomingClaim> claims : work) {
            done.add(pool.submit(() -> claims.forEach(MLLP ? ledger::recordMessage : ledger::recordClaim)));
        }
        for (Future<?> future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (cpuNanos() - cpu) / 1e6 / (threads * perThread);
        java.util.Map<Long, Long> commitThreadCpuAfter = commitThreadCpu();
        double commitMillis = commitThreadCpuAfter.entrySet().stream()
                .mapToLong(e -> e.getValue() - commitThreadCpu.getOrDefault(e.getKey(), 0L)).sum() / 1e6 / (threads * perThread);
        double kbWritten = (bytesWritten() - written) / 1024.0 / (threads * perThread);
        pool.shutdown();
        if (report) {
            System.out.printf("%d threads x %d claims: %,.0f claims/s, CPU %.3f ms per claim (group commit thread %.3f ms),"
                    + " %.1f kB written per claim%n", threads, perThread, threads * perThread / seconds, cpuMillis, commitMillis,
                    kbWritten);
        }
    }

    /** Bytes this process handed to write calls (Linux /proc/self/io wchar): what the H2 commits wrote. */
    private static long bytesWritten() throws java.io.IOException {
        java.nio.file.Path io = java.nio.file.Path.of("/proc/self/io");
        if (!java.nio.file.Files.isReadable(io)) {
            return 0;
        }
        return java.nio.file.Files.readAllLines(io).stream().filter(line -> line.startsWith("wchar:"))
                .mapToLong(line -> Long.parseLong(line.substring("wchar:".length()).strip())).findFirst().orElse(0);
    }

    /**
     * CPU time of each live group commit thread (it records the claims, commits and syncs): apart from JIT and
     * GC, which make the process's figure noisy on a busy machine. The thread ends after a second idle.
     */
    private static java.util.Map<Long, Long> commitThreadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("ledger-group-commit")) {
                cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
