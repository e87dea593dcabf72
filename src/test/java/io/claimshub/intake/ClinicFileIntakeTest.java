package io.claimshub.intake;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.IntakeBed;

import io.claimshub.testing.Dft;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A clinic's inbox file through the intake into a real ledger: repeated CLM01s and probable duplicates. */
class ClinicFileIntakeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workDir;
    private IntakeBed bed;
    private Ledgers ledger;
    private ClinicFileIntake files;

    @BeforeEach
    void setUp() throws Exception {
        bed = new IntakeBed(workDir, CLOCK);
        ledger = bed.ledger;
        files = bed.fileIntake(bed.claimIntake(payer -> { }));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private FileReport drop(String name, String... messages) throws Exception {
        Path file = workDir.resolve(name);
        Files.writeString(file, String.join("", messages));
        return files.process("sunrise", file, 0, () -> false, taken -> { }).report();
    }

    @Test
    void a_clm01_repeated_in_one_file_is_rejected_naming_both_messages() throws Exception {
        FileReport report = drop("visits.hl7", Dft.message().controlId("M1").clm01("H1").build(),
                Dft.message().controlId("M2").clm01("H1").firstLineCharge("99.00").build());

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(ledger.queries().findByClm01("sunrise", "H1")).extracting(ClaimQueries.ClaimRecord::status)
                .containsExactlyInAnyOrder(ClaimStatus.VALIDATED, ClaimStatus.REJECTED);
        assertThat(ledger.queries().history(rejectedId("H1"))).extracting(ClaimQueries.ClaimEvent::detail).singleElement().asString()
                .contains("patient control number H1 of visits.hl7 message #2 (MSH-10 M2) is also the CLM01 of"
                        + " visits.hl7 message #1 (MSH-10 M1)");
    }

    @Test
    void the_same_services_already_sent_under_another_clm01_are_rejected_as_a_probable_duplicate() throws Exception {
        drop("monday.hl7", Dft.message().controlId("M1").clm01("H1")
                .patient("DOE", "JANE", "19800215", "W123456789", "12 ELM ST").build());
        long sent = ledger.queries().findByClm01("sunrise", "H1").get(0).id();
        BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(sent)));
        ledger.batches().markBatchWritten(batch.id());

        FileReport report = drop("tuesday.hl7", Dft.message().controlId("M2").clm01("H2")
                .patient("DOE", "JANE", "19800215", "W123456789", "12 ELM ST").build());

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(ledger.queries().history(rejectedId("H2"))).extracting(ClaimQueries.ClaimEvent::detail).singleElement().asString()
                .contains("probable duplicate: the same patient, date of service, procedure and modifiers were sent to"
                        + " payer acme on claim H1 in file acme-1.837");
    }

    private long rejectedId(String clm01) {
        return ledger.queries().findByClm01("sunrise", clm01).stream().filter(c -> c.status() == ClaimStatus.REJECTED)
                .findFirst().orElseThrow().id();
    }
}
