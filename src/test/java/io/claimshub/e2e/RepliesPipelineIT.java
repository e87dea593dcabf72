package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Fixtures;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.clinicreturn.MllpTestReceiver;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.testing.Fixtures.drop;
import static io.claimshub.testing.Fixtures.files;
import static io.claimshub.testing.Fixtures.read;

/**
 * Replies end to end through the running hub: a clinic's HL7 becomes an 837 in the payer's folder, the
 * payer answers it (999, 277CA and 835 built from that 837's control numbers and CLM01s) in its replies
 * folder, and the ledger and the clinic's outbox show what the payer decided.
 */
class RepliesPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void payer_replies_to_a_sent_837_reach_the_ledger_and_the_clinic_outbox() throws Exception {
        Path inbox = workDir.resolve("data/clinics/sunrise/inbox");
        Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
        Path payerInbound = workDir.resolve("data/payers/acme/inbound");
        Path payerReplies = workDir.resolve("data/payers/acme/outbound");

        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e-replies/config").start()) {
            drop(inbox, "visits.hl7", Dft.message().controlId("M1").clm01("ACC1").build()
                    + Dft.message().controlId("M2").clm01("ACC2").build());
            await().atMost(WAIT).until(() -> files(payerInbound).size() == 1);

            String era = answer(payerInbound, payerReplies);
            drop(payerReplies, "garbage.txt", "this is not X12\n");

            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            await().atMost(WAIT).until(() -> ledger.findByClm01("sunrise", "ACC1").get(0).status() == ClaimStatus.PAID
                    && ledger.findByClm01("sunrise", "ACC2").get(0).status() == ClaimStatus.DENIED
                    && files(payerReplies.resolve(".done")).size() == 3
                    && files(payerReplies.resolve(".error")).size() == 2);

            assertThat(ledger.findByClm01("sunrise", "ACC1").get(0).payerClaimNumber()).isEqualTo("PAYER0001");
            assertThat(files(outbox)).anySatisfy(p -> {
                assertThat(p.getFileName().toString()).endsWith("-era.835");
                assertThat(Files.readString(p)).isEqualTo(era);
            });
            assertThat(files(outbox).stream().filter(p -> p.toString().endsWith("-835.json")).map(Fixtures::read))
                    .hasSize(2)
                    .anySatisfy(json -> assertThat(json).contains("\"patientControlNumber\" : \"ACC1\"")
                            .contains("\"claimStatus\" : \"paid\"").contains("\"paid\" : 180"))
                    .anySatisfy(json -> assertThat(json).contains("\"patientControlNumber\" : \"ACC2\"")
                            .contains("\"claimStatus\" : \"denied\"")
                            .contains("Not medically necessary in the payer's view"));
            assertThat(files(payerReplies.resolve(".error"))).anySatisfy(p -> assertThat(read(p))
                    .contains("not X12: the file does not start with an ISA segment"));
            assertThat(files(workDir.resolve("data/replies/received/acme"))).hasSize(4);

            // what the replies did shows in the metrics, by payer and clinic
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(hub.observeUrl() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("claims_acknowledged_total\\{[^}]*payer=\"acme\"[^}]*} 2\\.0")
                    .containsPattern("claims_accepted_total\\{[^}]*} 2\\.0")
                    .containsPattern("claims_paid_total\\{[^}]*clinic=\"sunrise\"[^}]*} 1\\.0")
                    .containsPattern("claims_denied_total\\{[^}]*} 1\\.0")
                    .containsPattern("claims_acknowledgment_time_seconds_count\\{[^}]*payer=\"acme\"[^}]*} 2");
        }
    }

    @Test
    void with_reply_to_mllp_the_ehr_receives_each_835_payment_as_a_dft_p03() throws Exception {
        try (MllpTestReceiver ehr = new MllpTestReceiver();
             HubHarness hub = new HubHarness(workDir).withConfig("e2e-replies/config")) {
            Path clinics = workDir.resolve("config/clinics.yaml");
            Files.writeString(clinics, Files.readString(clinics).replace("replyTo: folder",
                    "replyTo: mllp\n    replyHost: 127.0.0.1\n    replyPort: " + ehr.port()));
            hub.start();
            drop(workDir.resolve("data/clinics/sunrise/inbox"), "visits.hl7",
                    Dft.message().controlId("M1").clm01("ACC1").build() + Dft.message().controlId("M2").clm01("ACC2").build());
            Path payerInbound = workDir.resolve("data/payers/acme/inbound");
            await().atMost(WAIT).until(() -> files(payerInbound).size() == 1);
            answer(payerInbound, workDir.resolve("data/payers/acme/outbound"));

            await().atMost(WAIT).until(() -> ehr.received().size() == 2);
            assertThat(ehr.received()).allSatisfy(dft -> assertThat(dft).contains("|DFT^P03^DFT_P03|"))
                    .anySatisfy(dft -> assertThat(dft).contains("PID|1|||||||||||||||||ACC1")
                            .contains("FT1|1|CHK9001||20261120||PY|PAYMENT^PAYER0001|||1|180")
                            .contains("|AJ|CO-45^contractual obligation|||1|25"))
                    .anySatisfy(dft -> assertThat(dft).contains("PID|1|||||||||||||||||ACC2")
                            .contains("|PY|PAYMENT^PAYER0002|||1|0").contains("|AJ|CO-50^contractual obligation|||1|205"));
            // the outbox keeps the record all the same
            assertThat(files(workDir.resolve("data/clinics/sunrise/outbox"))).anySatisfy(p ->
                    assertThat(p.getFileName().toString()).endsWith("-era.835"));
        }
    }

    /** Answers the 837 in the payer's folder with a 999, a 277CA and an 835 (ACC1 paid, ACC2 denied); returns the 835. */
    private static String answer(Path payerInbound, Path payerReplies) throws IOException {
        X12TestReader sent = X12TestReader.read(files(payerInbound).get(0));
        String isa13 = sent.values("ISA", 13).get(0);
        String gs06 = sent.values("GS", 6).get(0);
        String st02 = sent.values("ST", 2).get(0);
        List<String> clm01s = sent.values("CLM", 1);
        assertThat(clm01s).containsExactly("ACC1", "ACC2");

        Files.createDirectories(payerReplies);
        drop(payerReplies, "ack.999", "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261101*1200*^*00501*000000071*0*T*:~\n"
                + "GS*FA*ACMEHP*SUNRISEHUB*20261101*1200*71*X*005010X231A1~\nST*999*0001*005010X231A1~\n"
                + "AK1*HC*" + gs06 + "*005010X222A1~\nAK2*837*" + st02 + "*005010X222A1~\nIK5*A~\nAK9*A*1*1*1~\n"
                + "SE*6*0001~\nGE*1*71~\nIEA*1*000000071~\n");
        drop(payerReplies, "claims.277", "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261101*1201*^*00501*000000072*0*T*>~\n"
                + "GS*HN*ACMEHP*SUNRISEHUB*20261101*1201*72*X*005010X214~\nST*277*0001*005010X214~\n"
                + "BHT*0085*08*" + isa13 + "*20261101*1201*TH~\nHL*1**20*1~\nNM1*PR*2*ACME HEALTH PLAN*****PI*60054~\n"
                + "HL*2*1*21*1~\nNM1*41*2*SUNRISE FAMILY PRACTICE*****46*SUNRISE01~\nHL*3*2*19*1~\n"
                + "NM1*85*2*SUNRISE FAMILY PRACTICE*****XX*1234567893~\n"
                + "HL*4*3*PT~\nNM1*QC*1*DOE*JANE~\nTRN*2*" + clm01s.get(0) + "~\nSTC*A2>20*20261101*WQ*205~\nREF*1K*PAYER0001~\n"
                + "HL*5*3*PT~\nNM1*QC*1*DOE*JANE~\nTRN*2*" + clm01s.get(1) + "~\nSTC*A2>20*20261101*WQ*205~\nREF*1K*PAYER0002~\n"
                + "SE*19*0001~\nGE*1*72~\nIEA*1*000000072~\n");
        String era = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261120*0900*^*00501*000000073*0*T*:~\n"
                + "GS*HP*ACMEHP*SUNRISEHUB*20261120*0900*73*X*005010X221A1~\nST*835*0001~\n"
                + "BPR*I*180*C*CHK************20261120~\nTRN*1*CHK9001*1600054000~\nN1*PR*ACME HEALTH PLAN~\n"
                + "N1*PE*SUNRISE FAMILY PRACTICE*XX*1234567893~\nLX*1~\n"
                + "CLP*" + clm01s.get(0) + "*1*205*180*0*12*PAYER0001~\nCAS*CO*45*25~\nNM1*QC*1*DOE*JANE~\n"
                + "CLP*" + clm01s.get(1) + "*4*205*0*0*12*PAYER0002~\nCAS*CO*50*205~\nNM1*QC*1*DOE*JANE~\n"
                + "SE*13*0001~\nGE*1*73~\nIEA*1*000000073~\n";
        drop(payerReplies, "era.835", era);
        return era;
    }
}
