package io.claimshub.bench;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * How big the default H2 ledger's file gets: records N real claims (generated DFT^P03 messages, mapped)
 * with one commit each, as a quiet MLLP feed makes them, then prints the file's size while open, after
 * the ledger is closed (the hub's close-time compaction) and after a full {@code SHUTDOWN COMPACT}
 * (about the size of the data itself). See BENCHMARKS.md, "Ledger disk space":
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.LedgerDiskSpaceBenchmark -Dexec.args="20000"</pre>
 */
public final class LedgerDiskSpaceBenchmark {

    private LedgerDiskSpaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("ledger-disk");
        String url = "jdbc:h2:file:" + dir.resolve("claims");
        Path file = dir.resolve("claims.mv.db");
        ClaimPreparation preparation = BenchLedger.preparation();
        Hl7MessageFactory messages = new Hl7MessageFactory(42);
        LedgerDatabase database = LedgerDatabase.open(url + ";WRITE_DELAY=0", "sa", "");
        IntakeLedger ledger = new IntakeLedger(database.dataSource(), Clock.systemUTC());
        for (int i = 0; i < claims; i++) {
            Claim claim = BenchLedger.claim(preparation, messages.next());
            String json = ClaimJson.write(claim);
            ledger.recordClaim(new IntakeLedger.IncomingClaim("sunrise", claim.patientControlNumber(),
                    claim.frequencyCode(), null, "acme", claim.totalCharge(), json, ClaimJson.contentHash(json),
                    new IntakeLedger.Source("bench", "disk-space", null), List.of()));
        }
        long open = Files.size(file);
        long start = System.nanoTime();
        database.close();
        double closeSeconds = (System.nanoTime() - start) / 1e9;
        long closed = Files.size(file);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        long compact = Files.size(file);
        System.out.printf("%,d claims, one commit each: open %,d MB (%.1f kB/claim); closed %,d MB (close took %.1f s);"
                        + " after SHUTDOWN COMPACT %,d MB (%.1f kB/claim)%n", claims, open >> 20, open / 1024.0 / claims,
                closed >> 20, closeSeconds, compact >> 20, compact / 1024.0 / claims);
    }
}
