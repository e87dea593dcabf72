package io.claimshub.delivery;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.testing.SftpTestServer;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.DeliveryLedger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SFTP delivery throughput on loopback: N batch files of SIZE bytes through DeliveryService to the MINA
 * SSHD test server, one payer (one worker, one kept connection), rename and direct write. Not a test:
 * {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.delivery.SftpDeliveryBenchmark -Dexec.args="300 20000"}
 */
public final class SftpDeliveryBenchmark {

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        // -Dsync-commits=false: H2 commits not synced to the disk, as the hub's claimshub.ledger.sync-commits
        io.claimshub.ledger.LedgerDatabase.syncCommits(Boolean.parseBoolean(System.getProperty("sync-commits", "true")));
        for (boolean rename : new boolean[]{true, false}) {
            Path dir = Files.createTempDirectory("sftp-bench");
            Path key = dir.resolve("secrets/key");
            KeyPair hostKey = SftpTestServer.newHostKey();
            try (SftpTestServer server = new SftpTestServer(dir.resolve("root"), hostKey, SftpTestServer.newUserKey(key)).start();
                 DeliveryTestBed bed = new DeliveryTestBed(dir)) {
                Path knownHosts = Files.writeString(dir.resolve("secrets/known_hosts"), server.knownHostsLine() + "\n");
                PayerConfig payer = DeliveryTestBed.sftpPayer("acme", server, knownHosts, key, null, rename, true,
                        "/inbound", "{file}", DeliveryTestBed.FAST_RETRY);
                // warm-up: one file, so the first connection and JIT are not in the measurement
                DeliveryService service = bed.service(Map.of(), payer);
                bed.runUntilFinal(service, bed.writtenBatch("acme", DeliveryTestBed.content(size)).id());
                List<Long> ids = new ArrayList<>();
                String content = DeliveryTestBed.content(size);
                for (int i = 0; i < files; i++) {
                    BatchLedger.Batch batch = bed.writtenBatch("acme", content);
                    ids.add(batch.id());
                }
                long start = System.nanoTime();
                // the hub's way: ticks hand every due file to the payer's worker, which sends them one after another
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5))
                        .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                            service.tick();
                            return bed.ledger.withStatus("acme", DeliveryLedger.DELIVERED).size() == files + 1;
                        });
                double seconds = (System.nanoTime() - start) / 1e9;
                long delivered = ids.stream().filter(id -> bed.ledger.delivery(id).orElseThrow().status()
                        .equals(DeliveryLedger.DELIVERED)).count();
                System.out.printf("rename=%s files=%d size=%d bytes delivered=%d seconds=%.2f files/s=%.1f sessions=%d%n",
                        rename, files, size, delivered, seconds, files / seconds, server.sessions());
            }
        }
    }
}
