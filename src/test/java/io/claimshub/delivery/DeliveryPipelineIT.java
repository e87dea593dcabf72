package io.claimshub.delivery;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.SftpTestServer;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import com.sun.net.httpserver.HttpServer;
import io.claimshub.ledger.ClaimStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.testing.Fixtures.drop;

/**
 * Through the running hub: a clinic drops HL7, the acme batch goes to a real SFTP server and the
 * medicare batch to a real HTTP endpoint, and the ledger shows every claim DELIVERED with its history.
 */
class DeliveryPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void dropped_claims_reach_an_sftp_payer_and_an_http_payer_and_the_ledger_shows_them_delivered() throws Exception {
        Path key = workDir.resolve("secrets/acme_ed25519");
        KeyPair hostKey = SftpTestServer.newHostKey();
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/claims", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        http.start();
        try (SftpTestServer sftp = new SftpTestServer(workDir.resolve("sftp-root"), hostKey, SftpTestServer.newUserKey(key)).start();
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")) {
            Files.writeString(workDir.resolve("secrets/known_hosts"), sftp.knownHostsLine() + "\n");
            Path payers = workDir.resolve("config/payers.yaml");
            Files.writeString(payers, Files.readString(payers)
                    .replace("delivery: { type: folder, path: data/payers/acme/inbound }",
                            "delivery: { type: sftp, host: 127.0.0.1, port: " + sftp.port() + ", username: sunrise,"
                                    + " privateKeyFile: secrets/acme_ed25519, knownHostsFile: secrets/known_hosts,"
                                    + " directory: /inbound, retry: { maxAttempts: 3, initialDelay: 50ms, maxDelay: 100ms } }")
                    .replace("delivery: { type: folder, path: data/payers/medicare/inbound }",
                            "delivery: { type: http, url: \"http://127.0.0.1:" + http.getAddress().getPort() + "/claims\","
                                    + " timeout: 5s, retry: { maxAttempts: 3, initialDelay: 50ms, maxDelay: 100ms } }"));
            hub.withProperty("claimshub.delivery.tick", "100").start();

            drop(workDir.resolve("data/clinics/sunrise/inbox"), "visits.hl7", batch(
                    Dft.message().controlId("M1").clm01("ACC1").build(),
                    Dft.message().controlId("M2").clm01("ACC2").build(),
                    Dft.message().controlId("M3").clm01("ACC3").payer("MEDICARE").build()));

            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            await().atMost(WAIT).until(() -> List.of("ACC1", "ACC2", "ACC3").stream()
                    .allMatch(clm01 -> ledger.findByClm01("sunrise", clm01).stream()
                            .allMatch(c -> c.status() == ClaimStatus.DELIVERED)
                            && !ledger.findByClm01("sunrise", clm01).isEmpty()));

            List<String> onServer = sftp.files();
            assertThat(onServer).singleElement().asString().startsWith("inbound/acme-").endsWith(".837");
            assertThat(Files.readString(sftp.root().resolve(onServer.get(0)))).contains("CLM*ACC1*").contains("CLM*ACC2*");
            assertThat(posted).singleElement().asString().contains("CLM*ACC3*").doesNotContain("CLM*ACC1*");
            long acc1 = ledger.findByClm01("sunrise", "ACC1").get(0).id();
            assertThat(ledger.history(acc1)).extracting(ClaimQueries.ClaimEvent::status).containsExactly(
                    ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.SENDING, ClaimStatus.DELIVERED);
            assertThat(ledger.history(acc1).get(3).detail()).contains("sftp://127.0.0.1:" + sftp.port() + "/inbound/acme-");

            // delivery outcomes reach the metrics and the per-payer delivery health
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String metrics = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.observeUrl() + "/metrics"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("claims_delivered_total\\{[^}]*payer=\"acme\"[^}]*} 2\\.0")
                    .containsPattern("claims_delivered_total\\{[^}]*payer=\"medicare\"[^}]*} 1\\.0");
            String health = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.observeUrl()
                    + "/health?data=true")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("acme.lastSuccess").contains("medicare.lastSuccess");
        } finally {
            http.stop(0);
        }
    }

    private static String batch(String... messages) {
        StringBuilder text = new StringBuilder("FHS|^~\\&|EHR|SUNRISE\rBHS|^~\\&|EHR|SUNRISE\r");
        for (String message : messages) {
            text.append(message);
        }
        return text.append("BTS|").append(messages.length).append("\rFTS|1\r").toString();
    }
}
