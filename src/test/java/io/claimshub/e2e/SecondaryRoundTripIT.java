package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.PartnerFiles;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.simulator.PayerSimulator;
import io.claimshub.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coordination of benefits end to end, through real SFTP: a claim with two coverages goes to the primary
 * payer simulator; its 835 leaves the patient's share, so the hub bills the second payer simulator with
 * the primary's adjudication (2320/2330/2430); that simulator answers as secondary and the next payer's
 * claim ends paid, linked to the first.
 */
class SecondaryRoundTripIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "cob-secret";

    @TempDir
    Path workDir;

    private PayerSimulator acme;
    private PayerSimulator blue;

    @AfterEach
    void stopSimulators() throws IOException {
        if (acme != null) {
            acme.close();
        }
        if (blue != null) {
            blue.close();
        }
    }

    @Test
    void the_primarys_835_bills_the_secondary_payer_whose_835_pays_what_the_primary_left() throws Exception {
        acme = simulator("acme-sim", "ACME HEALTH PLAN", "60054");
        blue = simulator("blue-sim", "BLUE SHIELD", "77777");
        try (HubHarness hub = hub()) {
            hub.start();
            dropClaimWithTwoCoverages();

            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            await().atMost(WAIT).until(() -> claim(ledger, "blue").map(c -> c.status() == ClaimStatus.PAID).orElse(false));

            ClaimQueries.ClaimRecord primary = claim(ledger, "acme").orElseThrow();
            ClaimQueries.ClaimRecord secondary = claim(ledger, "blue").orElseThrow();
            assertThat(primary.status()).isEqualTo(ClaimStatus.PAID);
            assertThat(ledger.history(primary.id())).anySatisfy(event -> assertThat(event.detail())
                    .isEqualTo("ACME HEALTH PLAN left 20.50 for BLUE SHIELD; billed to BLUE SHIELD (accepted): claim "
                            + secondary.id()));
            Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
            await().atMost(WAIT).until(() -> Fixtures.files(outbox).stream()
                    .anyMatch(p -> p.toString().endsWith("-claim" + secondary.id() + "-835.json")));
            assertThat(Fixtures.files(outbox).stream().filter(p -> p.toString().endsWith("-claim" + secondary.id() + "-835.json"))
                    .map(Fixtures::read)).singleElement().asString()
                    .as("the patient's 20.50 co-insurance the primary left, paid by the secondary")
                    .contains("\"claimStatusCode\" : \"2\"").contains("\"paid\" : 20.5").contains("\"claimStatus\" : \"paid\"");
            String sent = Fixtures.files(workDir.resolve("blue-sim/sftp/processed")).stream().map(Fixtures::read)
                    .findFirst().orElseThrow();
            assertThat(sent).contains("SBR*S*18").contains("AMT*D*164").contains("AMT*EAF*20.5").contains("REF*F8*")
                    .contains("SVD*60054*100*HC:99213:25");
        }
    }

    private static Optional<ClaimQueries.ClaimRecord> claim(ClaimQueries ledger, String payerId) {
        return ledger.findByClm01("sunrise", "ACC20001").stream().filter(c -> payerId.equals(c.payerId())).findFirst();
    }

    /** A payer simulator on a free port paying 80% with 10% co-insurance, the 835 1 s after the 277CA. */
    private PayerSimulator simulator(String name, String payerName, String payerId) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Path yaml = write(dir.resolve("simulator.yaml"), SimulatorPayers.simulatorYaml(payerName, payerId, "COB_SIM_PASSWORD",
                "{ denyOver: 100000.00, denyReason: \"96\", paidShare: 0.8, coinsuranceShare: 0.1 }"));
        return new PayerSimulator(SimulatorConfig.load(yaml, Map.of("COB_SIM_PASSWORD", PASSWORD)::get, dir),
                Clock.systemUTC()).start();
    }

    private HubHarness hub() throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        write(secrets.resolve("sim.pw"), PASSWORD + "\n");
        write(secrets.resolve("known_hosts"), acme.knownHostsLine() + "\n" + blue.knownHostsLine() + "\n");
        write(config.resolve("clinics.yaml"), PartnerFiles.CLINICS);
        write(config.resolve("payers.yaml"), "payers:\n"
                + SimulatorPayers.sftpPayer("acme", "ACME HEALTH PLAN", "60054", "ACME", "CI", "ACMEHP", acme.sftpPort(),
                "secrets/sim.pw")
                + SimulatorPayers.sftpPayer("blue", "BLUE SHIELD", "77777", "BLUE", "BL", "BLUEHP", blue.sftpPort(),
                "secrets/sim.pw"));
        return SimulatorPayers.pollingQuickly(new HubHarness(workDir));
    }

    /** examples/claim.json (205.00, two lines) with BLUE SHIELD as the second coverage. */
    private void dropClaimWithTwoCoverages() throws IOException {
        ObjectNode claim = (ObjectNode) ClaimJson.mapper().readTree(Path.of("examples/claim.json").toFile());
        ArrayNode coverages = (ArrayNode) claim.get("coverages");
        ObjectNode second = coverages.get(0).deepCopy();
        second.put("origin", "coverages[1]").put("payerKey", "BLUE").put("payerName", "BLUE SHIELD")
                .put("memberId", "XBS55501").put("groupNumber", "BS200");
        coverages.add(second);
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        Path temp = inbox.resolve(".claim.json.part");
        Files.writeString(temp, claim.toString(), StandardCharsets.UTF_8);
        Files.move(temp, inbox.resolve("claim.json"));
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
