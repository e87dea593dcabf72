package io.claimshub.bench;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.ledger.BatchLedger.PendingClaim;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;

/**
 * The batch writer's ledger work, without writing files: records N real claims (~2 KB of JSON each,
 * untimed), then times taking them out in batches of B as the batch writer does — pendingClaims,
 * createBatch (QUEUED), markBatchWritten, markBatchDelivered (DELIVERED) — and reports claims/second
 * and the JVM's CPU time per claim for that part. H2 file mode in a temporary folder by default, or
 * -Dledger.url (with -Dledger.user / -Dledger.password):
 * <pre>java -cp ... io.claimshub.bench.LedgerBatchBenchmark 16000 1000</pre>
 */
public final class LedgerBatchBenchmark {

    private LedgerBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 16000;
        int perBatch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ClaimPreparation preparation = BenchLedger.preparation();
        try (LedgerDatabase db = BenchLedger.open("ledger-batch-bench")) {
            Ledgers ledger = Ledgers.open(db.dataSource(), Clock.systemUTC());
            Hl7MessageFactory factory = new Hl7MessageFactory(42);
            for (int i = 0; i < claims; i++) {
                Claim claim = BenchLedger.claim(preparation, factory.next());
                String json = ClaimJson.write(claim);
                ledger.intake().recordClaim(new IntakeLedger.IncomingClaim("sunrise", claim.patientControlNumber() + "-" + i,
                        claim.frequencyCode(), null, "acme", claim.totalCharge(), json, ClaimJson.contentHash(json),
                        new IntakeLedger.Source("bench", "batch-bench", null), List.of()));
            }
            int warmup = Math.min(claims / 4, 2 * perBatch);
            drain(ledger, perBatch, warmup);
            long cpu = cpuNanos();
            long start = System.nanoTime();
            int done = drain(ledger, perBatch, Integer.MAX_VALUE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = (cpuNanos() - cpu) / 1e6 / done;
            System.out.printf("%d claims in batches of %d: %,.0f claims/s batched and delivered, CPU %.3f ms per claim%n",
                    done, perBatch, done / seconds, cpuMillis);
        }
    }

    /** Batches and delivers up to {@code max} waiting claims; returns how many. */
    private static int drain(Ledgers ledger, int perBatch, int max) {
        int done = 0;
        while (done < max) {
            List<PendingClaim> pending = ledger.queries().pendingClaims("acme", Math.min(perBatch, max - done));
            if (pending.isEmpty()) {
                break;
            }
            long bytes = pending.stream().mapToLong(p -> p.payloadJson().length()).sum();
            if (bytes == 0) {
                throw new IllegalStateException("pending claims came back without their payload");
            }
            BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837",
                    List.of(pending.stream().map(PendingClaim::id).toList()));
            ledger.batches().markBatchWritten(batch.id());
            ledger.batches().markBatchDelivered(batch.id(), "bench");
            done += pending.size();
        }
        return done;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
