package io.claimshub.delivery;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.SftpTestServer;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.transport.CamelTransports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A real H2 ledger with batch files written the way BatchWriter leaves them for sftp and http payers
 * (claims QUEUED, batch 'written', the file in data/outgoing/&lt;payer&gt;/), and a DeliveryService over it that
 * sends through the hub's Camel producers (a Camel context of its own).
 */
final class DeliveryTestBed implements AutoCloseable {

    static final PayerConfig.Retry FAST_RETRY = new PayerConfig.Retry(3, Duration.ofMillis(20), Duration.ofMillis(50));

    private final Path dir;
    private final LedgerDatabase database;
    final Ledgers claims;
    final DeliveryLedger ledger;
    final Path dataDir;
    private final AtomicInteger claimNumbers = new AtomicInteger();
    private final List<DeliveryService> services = new ArrayList<>();
    private final List<CamelTransports> transports = new ArrayList<>();

    DeliveryTestBed(Path dir) {
        this.dir = dir;
        this.database = LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("ledger/claims"), "sa", "");
        this.claims = Ledgers.open(database.dataSource(), Clock.systemUTC());
        this.ledger = new DeliveryLedger(database.dataSource(), Clock.systemUTC());
        this.dataDir = dir.resolve("data");
    }

    /** A batch of two claims for the payer, its file written with {@code content}; returns the batch. */
    BatchLedger.Batch writtenBatch(String payerId, String content) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String clm01 = "ACC" + claimNumbers.incrementAndGet();
            ids.add(claims.intake().recordClaim(new IncomingClaim("sunrise", clm01, "1", null, payerId, new BigDecimal("10.00"),
                    "{}", "hash-" + clm01, new Source("file", "visit.hl7", null), List.of())).claimId());
        }
        BatchLedger.Batch batch = claims.batches().createBatch(payerId, icn -> payerId + "-20261129T000000Z-" + icn + ".837", List.of(ids));
        Path outgoing = dataDir.resolve("outgoing").resolve(payerId);
        Files.createDirectories(outgoing);
        Files.writeString(outgoing.resolve(batch.fileName()), content, StandardCharsets.UTF_8);
        claims.batches().markBatchWritten(batch.id());
        return batch;
    }

    static String content(int bytes) {
        StringBuilder text = new StringBuilder("ISA*00*          *00*          *ZZ*SUNRISEHUB     *ZZ*ACMEHP         *261129*0000*^*00501*000000001*0*T*:~");
        int n = 0;
        while (text.length() < bytes) {
            text.append("NTE*ADD*LINE ").append(n++).append("~\n");
        }
        return text.toString();
    }

    DeliveryService service(Map<String, String> environment, PayerConfig... payers) {
        CamelTransports camel = CamelTransports.standalone(environment::get);
        transports.add(camel);
        DeliveryService service = new DeliveryService(new PartnerConfig(List.of(), List.of(payers)), ledger, dataDir,
                Clock.systemUTC(), new Random(7), camel);
        services.add(service);
        return service;
    }

    /** Ticks the service until the batch is DELIVERED or DEAD; returns that delivery. */
    DeliveryLedger.Delivery runUntilFinal(DeliveryService service, long batchId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            service.tick();
            String status = ledger.delivery(batchId).map(DeliveryLedger.Delivery::status).orElse("");
            return status.equals(DeliveryLedger.DELIVERED) || status.equals(DeliveryLedger.DEAD);
        });
        return ledger.delivery(batchId).orElseThrow();
    }

    List<ClaimStatus> claimStatuses(long batchId) {
        return claims.batches().claimsInBatch(batchId).stream().flatMap(List::stream)
                .map(c -> claims.queries().claim(c.id()).orElseThrow().status()).toList();
    }

    List<ClaimStatus> history(long batchId) {
        long claimId = claims.batches().claimsInBatch(batchId).get(0).get(0).id();
        return claims.queries().history(claimId).stream().map(ClaimQueries.ClaimEvent::status).toList();
    }

    static PayerConfig sftpPayer(String id, SftpTestServer server, Path knownHosts, Path privateKey, String passwordEnv,
                                 boolean rename, boolean createDirectory, String directory, String fileName,
                                 PayerConfig.Retry retry) {
        return payer(id, new PayerConfig.Delivery.Sftp(new PayerConfig.SftpAccount("127.0.0.1", server.port(),
                SftpTestServer.USER, privateKey, passwordEnv, null, knownHosts), directory, rename, createDirectory,
                new PayerConfig.Sending(fileName, Duration.ofSeconds(5), Duration.ofSeconds(5), retry)));
    }

    static PayerConfig sftpPayer(String id, int port, Path knownHosts, Path privateKey, PayerConfig.Retry retry) {
        return payer(id, new PayerConfig.Delivery.Sftp(new PayerConfig.SftpAccount("127.0.0.1", port,
                SftpTestServer.USER, privateKey, null, null, knownHosts), "/inbound", true, true,
                new PayerConfig.Sending("{file}", Duration.ofSeconds(5), Duration.ofSeconds(5), retry)));
    }

    static PayerConfig httpPayer(String id, String url, PayerConfig.Auth auth, Duration timeout, PayerConfig.Retry retry) {
        return payer(id, new PayerConfig.Delivery.Http(url, auth, null, null,
                new PayerConfig.Sending("{file}", Duration.ofSeconds(2), timeout, retry)));
    }

    static PayerConfig payer(String id, PayerConfig.Delivery delivery) {
        return new PayerConfig(id, id.toUpperCase(), "60054", List.of(id.toUpperCase()), "CI", null, null, delivery, null, null);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        services.forEach(DeliveryService::close);
        transports.forEach(CamelTransports::close);
        database.close();
    }
}
