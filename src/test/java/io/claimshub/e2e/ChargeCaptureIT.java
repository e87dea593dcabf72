package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;

import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.api.SecretHash;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.PartnerFiles;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.simulator.PayerSimulator;
import io.claimshub.simulator.SimulatorConfig;
import io.claimshub.simulator.SimulatorRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Charge capture through the running hub: charges and a credit over MLLP collect in a held encounter that an
 * operator releases through the API; the claim goes over SFTP to the payer simulator, whose 277CA brings the payer claim number; a late charge then
 * becomes a replacement claim (CLM05-3 = 7, REF*F8), and the API shows every line's state on the way.
 */
class ChargeCaptureIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "charge-capture-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;
    private PayerSimulator simulator;

    @AfterEach
    void stopSimulator() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void charges_a_credit_and_a_late_charge_become_a_claim_and_its_replacement_visible_through_the_api() throws Exception {
        startSimulator();
        try (HubHarness hub = hub().start(); MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M1")
                    .charge("T1", "99213", "25", "125.00", "J20.9").charge("T2", "71046", null, "80.00", "R05.9")
                    .build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M2")
                    .charge("T3", "93000", null, "60.00", "J20.9").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M3")
                    .credit("C1", "T3", "93000", null, "60.00").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M3")
                    .credit("C1", "T3", "93000", null, "60.00").build()))).as("a resend").isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M5")
                    .credit("C9", null, "99214", null, "150.00").build()))).as("a credit for no charge").isEqualTo("AE");
            assertThat(api(hub, "/api/clinics/sunrise/unapplied-credits")).singleElement().satisfies(credit -> {
                assertThat(credit.get("transactionId").asText()).isEqualTo("C9");
                assertThat(credit.get("state").asText()).isEqualTo("UNMATCHED");
                assertThat(credit.get("messageControlId").asText()).isEqualTo("M5");
            });
            JsonNode held = api(hub, "/api/clinics/sunrise/encounters/ACC500");
            assertThat(held.get("state").asText()).isEqualTo("HELD");
            assertThat(held.get("lines")).extracting(line -> line.get("transactionId").asText() + " "
                    + line.get("state").asText()).containsExactly("T1 HELD", "T2 HELD", "T3 REVERSED", "C1 APPLIED",
                    "C9 UNMATCHED");

            assertThat(release(hub, "otto:otto-secret-2")).as("a clerk's release is not enough").isEqualTo(403);
            assertThat(release(hub, "ops:ops-secret-3")).isEqualTo(200);

            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            String payerClaimNumber = SimulatorRules.payerClaimNumber("ACC500");
            await().atMost(WAIT).until(() -> claims(ledger).size() == 1
                    && payerClaimNumber.equals(claims(ledger).get(0).payerClaimNumber()));
            ClaimRecord original = claims(ledger).get(0);
            assertThat(original.totalCharge()).isEqualByComparingTo("205.00");
            JsonNode billed = api(hub, "/api/clinics/sunrise/encounters/ACC500");
            assertThat(billed.get("state").asText()).isEqualTo("BILLED");
            assertThat(billed.get("lines")).extracting(line -> line.get("state").asText() + " "
                    + line.get("billedOnClaim").asText()).startsWith("BILLED " + original.id(), "BILLED " + original.id());

            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M4")
                    .charge("T4", "36415", null, "15.00", "J20.9").build()))).isEqualTo("AA");
            assertThat(api(hub, "/api/clinics/sunrise/encounters/ACC500").get("state").asText()).isEqualTo("HELD");
            assertThat(release(hub, "ops:ops-secret-3")).isEqualTo(200);

            await().atMost(WAIT).until(() -> claims(ledger).size() == 2
                    && claims(ledger).get(1).status().rank() >= ClaimStatus.DELIVERED.rank());
            ClaimRecord replacement = claims(ledger).get(1);
            Claim sent = ClaimJson.read(hub.bean("claimQueries", ClaimQueries.class).payload(replacement.id()).orElseThrow());
            assertThat(sent.frequencyCode()).isEqualTo("7");
            assertThat(sent.originalPayerClaimNumber()).isEqualTo(payerClaimNumber);
            assertThat(sent.lines()).extracting(line -> line.lineControlNumber()).containsExactly("T1", "T2", "T4");
            // the ledger says delivered once the upload is renamed; the simulator's own folder may show it a moment later
            await().atMost(WAIT).untilAsserted(() -> assertThat(received837s()).anySatisfy(x12 -> assertThat(x12)
                    .contains("CLM*ACC500*220*", ":B:7*").contains("REF*F8*" + payerClaimNumber)));
            JsonNode replaced = api(hub, "/api/clinics/sunrise/encounters/ACC500");
            assertThat(replaced.get("claimIds")).extracting(JsonNode::asLong)
                    .containsExactly(original.id(), replacement.id());
            assertThat(replaced.get("detail").asText()).isEqualTo("became replacement claim " + replacement.id());
        }
    }

    private static List<ClaimRecord> claims(ClaimQueries ledger) {
        return ledger.findByClm01("sunrise", "ACC500");
    }

    private List<String> received837s() throws IOException {
        try (Stream<Path> files = Files.walk(workDir.resolve("payer-sim/sftp"))) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.readString(file, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(text -> text.contains("ST*837*")).toList();
        }
    }

    private static JsonNode api(HubHarness hub, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "rita:rita-secret-1".getBytes(StandardCharsets.UTF_8))).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** POST …/release as that user; the status code. */
    private static int release(HubHarness hub, String credentials) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                        + "/api/clinics/sunrise/encounters/ACC500/release"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void startSimulator() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("payer-sim"));
        Path yaml = dir.resolve("simulator.yaml");
        Files.writeString(yaml, SimulatorPayers.simulatorYaml("ACME HEALTH PLAN", "60054", "CC_SIM_PASSWORD",
                "{ denyOver: 10000.00, denyReason: \"96\", paidShare: 0.8, coinsuranceShare: 0 }"));
        SimulatorConfig config = SimulatorConfig.load(yaml, Map.of("CC_SIM_PASSWORD", PASSWORD)::get, dir);
        simulator = new PayerSimulator(config, Clock.systemUTC()).start();
    }

    /** Clinic sunrise holds charges for an hour of quiet (an operator releases them); payer acme is the simulator. */
    private HubHarness hub() throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        Files.writeString(secrets.resolve("acme.pw"), PASSWORD + "\n");
        Files.writeString(secrets.resolve("known_hosts"), simulator.knownHostsLine() + "\n");
        Files.writeString(config.resolve("clinics.yaml"), PartnerFiles.CLINICS.replace("replyTo: folder",
                "replyTo: folder\n    billHold: 1h"));
        Files.writeString(config.resolve("payers.yaml"), "payers:\n" + SimulatorPayers.sftpPayer("acme",
                "ACME HEALTH PLAN", "60054", "\"ACME\", \"60054\"", "CI", "ACMEHP", simulator.sftpPort(),
                "secrets/acme.pw"));
        Files.writeString(config.resolve("api-users.properties"), "user.rita = reader "
                + SecretHash.create("rita-secret-1") + "\nuser.otto = reader " + SecretHash.create("otto-secret-2")
                + "\nuser.ops = operator " + SecretHash.create("ops-secret-3") + "\n");
        return SimulatorPayers.pollingQuickly(new HubHarness(workDir));
    }
}
