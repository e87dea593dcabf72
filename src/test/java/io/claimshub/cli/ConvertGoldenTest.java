package io.claimshub.cli;

import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code convert}'s 837 files, byte for byte, for a batch whose claims interleave two clinics (MSH-4) and
 * two payers, with transaction sets cut at each payer's {@code batch.maxClaims}: sets per clinic in the
 * order the clinics first appear, each clinic's claims in input order, ST02 counting on across clinics.
 */
class ConvertGoldenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path work;

    @Test
    void interleaved_clinics_and_payers_give_the_same_files_byte_for_byte() throws Exception {
        Hl7MessageFactory messages = new Hl7MessageFactory(21, LocalDate.of(2026, 11, 1));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String message = messages.next();
            if (i % 3 == 1) {
                message = message.replace("|SUNRISE_EHR|SUNRISE|", "|LAKESIDE_EHR|LAKESIDE|");
            }
            if (i % 4 == 2) {
                message = message.replace("|ACME|ACME HEALTH PLAN|", "|MEDICARE|MEDICARE PART B|");
            }
            batch.append(message);
        }
        Path input = work.resolve("batch.hl7");
        Files.writeString(input, batch, StandardCharsets.UTF_8);
        PartnerConfig partners = PartnerConfigLoader.load(Path.of("src/test/resources/convert/config"), work);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ConvertCommand command = new ConvertCommand(new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(CLOCK)), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), ConvertProgress.NONE);
        Path out = work.resolve("out");

        int status = command.convert(null, out, List.of(input), new ConvertedClaimsWriter(CLOCK));

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("30 claims -> " + out.resolve("acme.837") + " (23), "
                + out.resolve("medicare.837") + " (7); 0 rejected" + System.lineSeparator());
        Golden.assertFolderMatches("convert/interleaved", out);
    }
}
