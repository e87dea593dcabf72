package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Fixtures;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.config.PartnerFiles;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.clinicreturn.MllpTestReceiver;
import io.claimshub.simulator.PayerSimulator;
import io.claimshub.simulator.SimulatorConfig;
import io.claimshub.simulator.SimulatorRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.testing.Fixtures.files;
import static io.claimshub.testing.Fixtures.read;

/**
 * The whole round trip through real sockets: a clinic's HL7 file becomes an 837P that the hub uploads
 * over SFTP to the payer simulator; the simulator's 999, 277CA and (a second later) 835 are fetched
 * back over SFTP; the ledger shows what the payer decided and the clinic hears about it.
 */
class RoundTripIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "round-trip-secret";
    private static final String PAID = "RT-PAID-1";
    private static final String DENIED = "RT-DENY-2";

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
    void a_clinic_file_goes_to_the_payer_over_sftp_and_its_paid_and_denied_claims_come_back_to_ledger_and_outbox()
            throws Exception {
        startSimulator();
        try (HubHarness hub = hub("replyTo: folder")) {
            hub.start();
            dropClaims();

            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            await().atMost(WAIT).until(() -> status(ledger, PAID) == ClaimStatus.PAID
                    && status(ledger, DENIED) == ClaimStatus.DENIED);

            assertThat(ledger.findByClm01("sunrise", PAID).get(0).payerClaimNumber())
                    .isEqualTo(SimulatorRules.payerClaimNumber(PAID));
            assertThat(ledger.findByClm01("sunrise", DENIED).get(0).payerClaimNumber())
                    .isEqualTo(SimulatorRules.payerClaimNumber(DENIED));
            // the 837 really went through the simulator's SFTP inbound folder
            assertThat(files(workDir.resolve("payer-sim/sftp/processed"))).hasSize(1);

            Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
            await().atMost(WAIT).until(() -> files(outbox).stream().filter(p -> p.toString().endsWith("-835.json")).count() == 2);
            assertThat(files(outbox).stream().filter(p -> p.toString().endsWith("-835.json")).map(Fixtures::read))
                    .anySatisfy(json -> assertThat(json).contains("\"patientControlNumber\" : \"" + PAID + "\"")
                            .contains("\"claimStatus\" : \"paid\"").contains("\"paid\" : 164"))
                    .anySatisfy(json -> assertThat(json).contains("\"patientControlNumber\" : \"" + DENIED + "\"")
                            .contains("\"claimStatus\" : \"denied\""));
            assertThat(files(outbox).stream().filter(p -> p.toString().endsWith(".835")).map(Fixtures::read))
                    .as("the original 835 is in the outbox, named as one")
                    .singleElement().satisfies(x12 -> assertThat(x12).startsWith("ISA").contains("ST*835*")
                            .contains("CLP*" + PAID + "*1*205*164").contains("CLP*" + DENIED + "*4*1280*0"));
        }
    }

    @Test
    void with_reply_to_mllp_the_clinic_ehr_receives_the_simulator_payments_as_dft_p03() throws Exception {
        startSimulator();
        try (MllpTestReceiver ehr = new MllpTestReceiver();
             HubHarness hub = hub("replyTo: mllp\n    replyHost: 127.0.0.1\n    replyPort: " + ehr.port())) {
            hub.start();
            dropClaims();

            await().atMost(WAIT).until(() -> ehr.received().size() == 2);
            assertThat(ehr.received()).allSatisfy(dft -> assertThat(dft).contains("|DFT^P03^DFT_P03|"))
                    .anySatisfy(dft -> assertThat(dft).contains("PID|1|||||||||||||||||" + PAID)
                            .contains("|PY|PAYMENT^" + SimulatorRules.payerClaimNumber(PAID) + "|||1|100|")
                            .contains("|PY|PAYMENT^" + SimulatorRules.payerClaimNumber(PAID) + "|||1|64|")
                            .contains("|AJ|CO-45^contractual obligation|||1|25|"))
                    .anySatisfy(dft -> assertThat(dft).contains("PID|1|||||||||||||||||" + DENIED)
                            .contains("|PY|PAYMENT^" + SimulatorRules.payerClaimNumber(DENIED) + "|||1|0|")
                            .contains("|AJ|CO-96^contractual obligation|||1|1200|"));
            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            assertThat(status(ledger, PAID)).isEqualTo(ClaimStatus.PAID);
            assertThat(status(ledger, DENIED)).isEqualTo(ClaimStatus.DENIED);
        }
    }

    /** The simulator on a free port, denying claims over 1000 and paying 80% of the others, the 835 1 s after the 277CA. */
    private void startSimulator() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("payer-sim"));
        Path yaml = write(dir.resolve("simulator.yaml"), SimulatorPayers.simulatorYaml("ACME HEALTH PLAN", "60054",
                "RT_SIM_PASSWORD", "{ denyOver: 1000.00, denyReason: \"96\", paidShare: 0.8, coinsuranceShare: 0 }"));
        SimulatorConfig config = SimulatorConfig.load(yaml, Map.of("RT_SIM_PASSWORD", PASSWORD)::get, dir);
        simulator = new PayerSimulator(config, Clock.systemUTC()).start();
    }

    /** The hub with the sunrise clinic and one SFTP payer: 837s to the simulator's /inbound, replies from /outbound. */
    private HubHarness hub(String replyTo) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        write(secrets.resolve("acme.pw"), PASSWORD + "\n");
        write(secrets.resolve("known_hosts"), simulator.knownHostsLine() + "\n");
        write(config.resolve("clinics.yaml"), PartnerFiles.CLINICS.replace("replyTo: folder", replyTo));
        write(config.resolve("payers.yaml"), "payers:\n" + SimulatorPayers.sftpPayer("acme", "ACME HEALTH PLAN", "60054",
                "\"ACME\", \"60054\"", "CI", "ACMEHP", simulator.sftpPort(), "secrets/acme.pw"));
        return SimulatorPayers.pollingQuickly(new HubHarness(workDir));
    }

    /** One HL7 file with two claims: 205.00 (paid at 80%) and 1280.00 (over the simulator's denyOver). */
    private void dropClaims() throws IOException {
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        Path temp = inbox.resolve(".visits.hl7.part");
        Files.writeString(temp, Dft.message().controlId("M1").clm01(PAID).build()
                + Dft.message().controlId("M2").clm01(DENIED).firstLineCharge("1200.00").build(), StandardCharsets.US_ASCII);
        Files.move(temp, inbox.resolve("visits.hl7"));
    }

    private static ClaimStatus status(ClaimQueries ledger, String clm01) {
        List<ClaimQueries.ClaimRecord> found = ledger.findByClm01("sunrise", clm01);
        return found.isEmpty() ? null : found.get(0).status();
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
