package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Fixtures;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.testing.Ledgers;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The core pipeline end to end, through the real routes: files dropped in a clinic's inbox become
 * 837P files in the payer's folder, rejections land in the outbox, the ledger records both, and a
 * restart neither reuses control numbers nor sends a re-dropped file again.
 */
class ClaimsPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void dropped_files_become_837_files_rejections_and_ledger_rows_and_survive_a_restart() throws Exception {
        Path inbox = workDir.resolve("data/clinics/sunrise/inbox");
        Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
        Path acme = workDir.resolve("data/payers/acme/inbound");
        Path medicare = workDir.resolve("data/payers/medicare/inbound");

        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            Files.createDirectories(inbox);
            drop(inbox, "visit-1.hl7", Dft.message().controlId("M1").clm01("ACC1").build());
            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 1);
            drop(inbox, "batch-1.hl7", batch(
                    Dft.message().controlId("M2").clm01("ACC2").build(),
                    Dft.message().controlId("M3").clm01("ACC3").renderingNpi("1234567890").build(),
                    Dft.message().controlId("M4").clm01("ACC4").payer("MEDICARE").build()));
            drop(inbox, "notes.txt", "this is not a claim\n");

            await().atMost(WAIT).until(() -> files(acme).size() == 1 && files(medicare).size() == 1);
            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 2);
            await().atMost(WAIT).until(() -> files(inbox.resolve(".error")).size() == 2);

            X12TestReader acmeFile = X12TestReader.read(files(acme).get(0));
            assertThat(acmeFile.values("CLM", 1)).containsExactly("ACC1", "ACC2");
            assertThat(acmeFile.values("ISA", 13)).containsExactly("000000001");
            X12TestReader medicareFile = X12TestReader.read(files(medicare).get(0));
            assertThat(medicareFile.values("CLM", 1)).containsExactly("ACC4");
            assertThat(medicareFile.values("ISA", 13)).containsExactly("000000001");

            assertThat(files(inbox.resolve(".error")))
                    .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith("-notes.txt"))
                    .anySatisfy(p -> assertThat(read(p)).contains("notes.txt: neither HL7 v2"));

            List<Path> rejections = files(outbox);
            assertThat(rejections).hasSize(2);
            assertThat(rejections.stream().filter(p -> p.toString().endsWith(".txt")).map(Fixtures::read))
                    .singleElement().asString()
                    .contains("batch-1.hl7 message #2 (MSH-10 M3) claim ACC3")
                    .contains("FT1 #1: rendering provider NPI 1234567890 fails the check digit");

            Ledgers ledger = Ledgers.of(hub);
            assertThat(ledger.queries().findByClm01("sunrise", "ACC1")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.DELIVERED))
                    .satisfies(c -> assertThat(ledger.queries().history(c.id())).extracting(ClaimQueries.ClaimEvent::status)
                            .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED));
            assertThat(ledger.batches().unfinishedBatches()).isEmpty();
            assertThat(ledger.queries().findByClm01("sunrise", "ACC3")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.REJECTED));
        }

        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            drop(inbox, "visit-1.hl7", Dft.message().controlId("M1").clm01("ACC1").build());
            drop(inbox, "batch-2.hl7", batch(
                    Dft.message().controlId("M5").clm01("ACC5").build(),
                    Dft.message().controlId("M6").clm01("ACC6").build()));

            await().atMost(WAIT).until(() -> files(acme).size() == 2);
            X12TestReader second = X12TestReader.read(files(acme).get(1));
            assertThat(second.values("CLM", 1)).containsExactly("ACC5", "ACC6");
            assertThat(second.values("ISA", 13)).containsExactly("000000002");

            drop(inbox, "visit-7.hl7", Dft.message().controlId("M7").clm01("ACC7").build());
            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 5);
            Ledgers ledger = Ledgers.of(hub);
            assertThat(ledger.queries().findByClm01("sunrise", "ACC1")).hasSize(1);
            assertThat(ledger.queries().findByClm01("sunrise", "ACC7")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.VALIDATED));
        }

        // ACC7 was waiting for its batch (maxClaims 2, every 1h): the shutdown wrote it.
        List<Path> acmeFiles = files(acme);
        assertThat(acmeFiles).hasSize(3);
        X12TestReader third = X12TestReader.read(acmeFiles.get(2));
        assertThat(third.values("CLM", 1)).containsExactly("ACC7");
        assertThat(third.values("ISA", 13)).containsExactly("000000003");
        assertThat(files(acme).stream().flatMap(f -> X12TestReader.read(f).values("CLM", 1).stream()))
                .as("the re-dropped visit-1.hl7 was not sent again")
                .containsOnlyOnce("ACC1");
    }

    private static String batch(String... messages) {
        StringBuilder text = new StringBuilder("FHS|^~\\&|EHR|SUNRISE\rBHS|^~\\&|EHR|SUNRISE\r");
        for (String message : messages) {
            text.append(message);
        }
        return text.append("BTS|").append(messages.length).append("\rFTS|1\r").toString();
    }
}
