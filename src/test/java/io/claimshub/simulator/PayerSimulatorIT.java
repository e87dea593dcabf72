package io.claimshub.simulator;

import io.claimshub.x12.X12TestReader;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator on free ports, fed over real SFTP (MINA's client) and HTTP, with 837Ps written by the hub's writer. */
class PayerSimulatorIT {

    private static final String PASSWORD = "it-password";
    private static final String TOKEN = "it-token";

    @TempDir
    Path base;
    private SimulatorConfig config;
    private PayerSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        Path root = base.resolve("sftp");
        config = new SimulatorConfig("127.0.0.1", "ACME HEALTH PLAN", "60054", 0, base.resolve("keys/host-key.pem"),
                root, root.resolve("inbound"), root.resolve("outbound"),
                List.of(new SimulatorConfig.User("hub", PASSWORD, null)), 0, TOKEN,
                new SimulatorRules(Pattern.compile("REJ.*"), null, null, new BigDecimal("0.8"), BigDecimal.ZERO, "96"),
                Duration.ofMillis(200));
        simulator = new PayerSimulator(config, Clock.systemUTC()).start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
    }

    @Test
    void an_837_uploaded_over_sftp_gets_a_999_a_277ca_and_later_an_835_in_outbound() throws Exception {
        byte[] claims = SimulatorFixtures.write837(501, SimulatorFixtures.claim("C1", "W100", "100.00", "50.00"),
                SimulatorFixtures.claim("C2", "REJ7", "80.00"));
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, simulator.hostKey()));
        client.start();
        try (ClientSession session = client.connect("hub", "127.0.0.1", simulator.sftpPort())
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("/inbound/acme-000000501.837")) {
                    out.write(claims);
                }
                Path outbound = config.outbound();
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(outbound.resolve("acme-000000501.835")));

                X12TestReader ack = X12TestReader.read(outbound.resolve("acme-000000501.999"));
                assertThat(ack.values("AK1", 2)).containsExactly("501");
                assertThat(ack.values("AK2", 2)).containsExactly("000000501");
                assertThat(ack.values("IK5", 1)).containsExactly("A");

                X12TestReader claimAck = X12TestReader.read(outbound.resolve("acme-000000501.277"));
                assertThat(claimAck.segments("STC").stream().skip(1).map(s -> s.element(1)))
                        .containsExactly("A2", "A7");
                assertThat(claimAck.segments("REF").stream().filter(s -> s.element(1).equals("1K")).map(s -> s.element(2)))
                        .containsExactly(SimulatorRules.payerClaimNumber("C1"));

                byte[] remitBytes;
                try (InputStream in = sftp.read("/outbound/acme-000000501.835")) {
                    remitBytes = in.readAllBytes();
                }
                X12TestReader remit = X12TestReader.read(remitBytes);
                assertThat(remit.values("CLP", 1)).containsExactly("C1");
                assertThat(remit.values("CLP", 4)).containsExactly("120");
                assertThat(remit.segments("REF").stream().filter(s -> s.element(1).equals("6R")).map(s -> s.element(2)))
                        .containsExactly("C1-1", "C1-2");
                assertThat(config.sftpRoot().resolve("processed/acme-000000501.837")).exists();
                assertThat(config.inbound().resolve("acme-000000501.837")).doesNotExist();
            }
        } finally {
            client.stop();
        }
    }

    @Test
    void an_837_posted_over_http_gets_its_999_in_the_response_and_the_rest_in_outbound() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + simulator.httpPort() + "/837");
        byte[] claims = SimulatorFixtures.write837(502, SimulatorFixtures.claim("H1", "W200", "40.00"));

        HttpResponse<byte[]> unauthorized = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(claims)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unauthorized.statusCode()).isEqualTo(401);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(claims)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        X12TestReader ack = X12TestReader.read(response.body());
        assertThat(ack.values("AK1", 2)).containsExactly("502");
        assertThat(ack.values("IK5", 1)).containsExactly("A");

        await().atMost(Duration.ofSeconds(10)).until(() -> outbound("835").size() == 1);
        assertThat(X12TestReader.read(outbound("277").get(0)).values("TRN", 2)).contains("H1");
        assertThat(X12TestReader.read(outbound("835").get(0)).values("CLP", 1)).containsExactly("H1");
    }

    @Test
    void a_malformed_837_over_http_is_rejected_in_the_999_and_gets_no_277ca() throws Exception {
        String claims = new String(SimulatorFixtures.write837(503, SimulatorFixtures.claim("M1", "W300", "40.00")),
                java.nio.charset.StandardCharsets.US_ASCII).replace("CLM*M1*40*", "CLM*M1*4O*");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.httpPort() + "/837"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(claims)).build(), HttpResponse.BodyHandlers.ofByteArray());

        X12TestReader ack = X12TestReader.read(response.body());
        assertThat(ack.values("IK5", 1)).containsExactly("R");
        assertThat(ack.segments("IK4").get(0).element(4)).isEqualTo("4O");
        assertThat(outbound("999")).hasSize(1);
        assertThat(outbound("277")).isEmpty();
    }

    @Test
    void a_file_that_is_not_x12_is_set_aside_with_its_reason() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.httpPort() + "/837"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("MSH|^~\\&|not x12")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no readable ISA");
        assertThat(simulator.knownHostsLine()).startsWith("[127.0.0.1]:" + simulator.sftpPort() + " ecdsa-sha2-nistp256 ");
        assertThat(config.hostKey()).exists();
    }

    private List<Path> outbound(String extension) throws java.io.IOException {
        try (var files = Files.list(config.outbound())) {
            return files.filter(f -> f.getFileName().toString().endsWith("." + extension)).toList();
        }
    }
}
