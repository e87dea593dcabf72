package io.claimshub.batch;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;
import io.claimshub.x12.Claim837Writer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paper payer's batch through the batch writer: a PDF in the payer's folder, owner-only, the claims
 * PRINTED; and a batch the hub stopped in the middle of is printed at the next start, once.
 */
class PaperBatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void a_batch_interrupted_before_its_pdf_was_written_is_printed_at_the_next_start() throws Exception {
        PartnerConfig partners = partners();
        try (LedgerDatabase db = LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("ledger/claims"), "sa", "")) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long first = accept(ledger, "P1");
            long second = accept(ledger, "P2");
            // the ledger commit of a batch, then a stop before the file: what recover() finds at the next start
            Batch batch = ledger.batches().createBatch("autoins", icn -> BatchFileNames.pdf("autoins", CLOCK.instant(), icn),
                    List.of(List.of(first, second)));
            assertThat(ledger.batches().unfinishedBatches()).hasSize(1);

            new BatchWriter(partners, ledger.batches(), new Claim837Writer(), new BatchDestinations(dir.resolve("data")), CLOCK)
                    .recover();

            Path pdf = dir.resolve("paper").resolve(batch.fileName());
            assertThat(batch.fileName()).isEqualTo("autoins-20261101T100000Z-000000001.pdf");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pdf))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pdf.getParent()))).isEqualTo("rwx------");
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                assertThat(document.getNumberOfPages()).isEqualTo(2);
            }
            try (var files = Files.list(pdf.getParent())) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly(batch.fileName());
            }
            assertThat(ledger.queries().claim(first).orElseThrow().status()).isEqualTo(ClaimStatus.PRINTED);
            assertThat(ledger.queries().claim(second).orElseThrow().status()).isEqualTo(ClaimStatus.PRINTED);
            assertThat(ledger.batches().unfinishedBatches()).isEmpty();
        }
    }

    private static long accept(Ledgers ledger, String clm01) {
        Person jane = new Person("Doe", "Jane", null, LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        ServiceLine visit = new ServiceLine("FT1 #1", clm01 + "-1", LocalDate.of(2026, 10, 20), "99213", List.of(),
                BigDecimal.ONE, new BigDecimal("95.00"), List.of(1), null);
        Claim claim = new Claim(clm01, new BigDecimal("95.00"), "1", null, null, null, null, jane,
                List.of(new Coverage("IN1 #1", "AUTOINS", "PRAIRIE AUTO", "GRP1", "W1", "18", jane)),
                List.of(new Diagnosis("J209", "DG1 #1")), List.of(visit), List.of());
        String json = ClaimJson.write(claim);
        return ledger.intake().recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "autoins", claim.totalCharge(), json,
                ClaimJson.contentHash(json), new Source("file", "visits.hl7", "M-" + clm01), List.of())).claimId();
    }

    private PartnerConfig partners() {
        ClinicConfig clinic = new ClinicConfig("sunrise", "Sunrise Family Practice", "1234567893", "123456789",
                "207Q00000X", new Address("100 Main St", null, "Springfield", "IL", "627011234"), "11",
                new ClinicConfig.Submitter("Sunrise Family Practice", "SUNRISE01", "Billing Office", "2175551212"),
                List.of("SUNRISE"), dir.resolve("inbox"), dir.resolve("outbox"), ClinicConfig.ReplyTo.FOLDER, null);
        PayerConfig paper = new PayerConfig("autoins", "Prairie Auto Insurance", "AUTO1", List.of("AUTOINS"), "AM", null,
                new PayerConfig.Batch(5000, Duration.ofMinutes(15)),
                new PayerConfig.Delivery.Printed(dir.resolve("paper"), new PayerConfig.Paper(PayerConfig.PaperMode.DATA, 0, 0,
                        new Address("PO Box 1500", null, "Des Moines", "IA", "50306"))),
                null, PayerConfig.Delimiters.DEFAULT);
        return new PartnerConfig(List.of(clinic), List.of(paper));
    }
}
