package io.claimshub.cli;

import com.sun.net.httpserver.HttpServer;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redeliver}: a dead batch file goes to its HTTP payer again, from the command line's own process. */
class RedeliverCommandTest {

    @TempDir
    Path workDir;

    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path configDir;
    private String ledgerUrl;

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/claims", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        configDir = Files.createDirectories(workDir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            try (InputStream in = getClass().getResourceAsStream("/e2e/config/" + name)) {
                Files.copy(in, configDir.resolve(name));
            }
        }
        Path payers = configDir.resolve("payers.yaml");
        Files.writeString(payers, Files.readString(payers).replace(
                "delivery: { type: folder, path: data/payers/medicare/inbound }",
                "delivery: { type: http, url: \"http://127.0.0.1:" + server.getAddress().getPort() + "/claims\","
                        + " auth: { type: bearer, tokenEnv: MEDICARE_TOKEN }, retry: { maxAttempts: 1 } }"));
        ledgerUrl = "jdbc:h2:file:" + workDir.resolve("data/ledger/claims");
        Files.writeString(configDir.resolve("application.properties"), "claimshub.data-dir = " + workDir.resolve("data") + "\n"
                + "claimshub.ledger.url = " + ledgerUrl + "\nclaimshub.ledger.user = {{env:LEDGER_USER:sa}}\n");
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    /** A medicare batch that failed for good: DEAD in the ledger, its file in data/dead/medicare/. */
    private String deadBatch() throws Exception {
        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl, "sa", "")) {
            Ledgers claims = Ledgers.open(db.dataSource(), Clock.systemUTC());
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), Clock.systemUTC());
            long id = claims.intake().recordClaim(new IntakeLedger.IncomingClaim("sunrise", "ACC9", "1", null, "medicare",
                    new BigDecimal("10.00"), "{}", "h", new IntakeLedger.Source("file", "v.hl7", null), List.of())).claimId();
            BatchLedger.Batch batch = claims.batches().createBatch("medicare", icn -> "medicare-" + icn + ".837", List.of(List.of(id)));
            claims.batches().markBatchWritten(batch.id());
            ledger.enqueueWritten(List.of("medicare"));
            DeliveryLedger.Started attempt = ledger.startAttempt(batch.id()).orElseThrow();
            ledger.markDead(batch.id(), attempt.attemptId(), "FAILED", "HTTP 503", "dead");
            Path dead = Files.createDirectories(workDir.resolve("data/dead/medicare"));
            Files.writeString(dead.resolve(batch.fileName()), "ISA*837 CONTENT~");
            return batch.fileName();
        }
    }

    private int redeliver(List<String> files, String payer) {
        return new RedeliverCommand(new PrintStream(out, true), new PrintStream(err, true), Map.of("MEDICARE_TOKEN", "tok")::get)
                .run(configDir, workDir, files, payer);
    }

    @Test
    void sends_a_dead_file_again_and_records_it_delivered() throws Exception {
        String file = deadBatch();

        int status = redeliver(List.of("data/dead/medicare/" + file), null);

        assertThat(status).as(err.toString()).isEqualTo(RedeliverCommand.DELIVERED);
        assertThat(out.toString()).contains(file + ": delivered to http://127.0.0.1:");
        assertThat(posted).containsExactly("ISA*837 CONTENT~");
        assertThat(workDir.resolve("data/sent/medicare/" + file)).exists();
        assertThat(workDir.resolve("data/dead/medicare/" + file)).doesNotExist();
        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl, "sa", "")) {
            Ledgers claims = Ledgers.open(db.dataSource(), Clock.systemUTC());
            assertThat(claims.queries().findByClm01("sunrise", "ACC9")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.DELIVERED));
        }
    }

    @Test
    void sends_every_dead_file_of_a_payer_and_says_when_there_is_none_left() throws Exception {
        deadBatch();

        assertThat(redeliver(List.of(), "medicare")).isEqualTo(RedeliverCommand.DELIVERED);
        assertThat(posted).hasSize(1);
        assertThat(redeliver(List.of(), "medicare")).isEqualTo(RedeliverCommand.DELIVERED);
        assertThat(out.toString()).contains("payer medicare has no dead batch files");
    }

    @Test
    void an_unknown_file_is_an_error_with_its_name() throws Exception {
        deadBatch();

        assertThat(redeliver(List.of("nope.837"), null)).isEqualTo(RedeliverCommand.FAILED);
        assertThat(err.toString()).contains("no batch file named nope.837");
        assertThat(posted).isEmpty();
    }
}
