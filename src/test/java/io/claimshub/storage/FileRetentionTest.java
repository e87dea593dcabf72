package io.claimshub.storage;

import io.claimshub.config.ClinicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path data;

    @Test
    void every_copy_of_patient_data_the_hub_keeps_is_removed_after_the_retention_period_and_newer_ones_stay() throws Exception {
        List<Path> old = List.of(
                file("replies/received/acme/20260101T000000000Z-aaaa.x12", 400),
                file("replies/incoming/acme/.done/20260101T000000000Z-bbbb.x12", 400),
                file("replies/unmatched/acme/cccc.x12", 400),
                file("clinics/sunrise/inbox/.done/visit-1.hl7", 400),
                file("clinics/sunrise/inbox/.error/visit-2.hl7", 400),
                file("clinics/sunrise/inbox/.error/visit-2.hl7.reason.txt", 400),
                file("clinics/sunrise/outbox/reply-era.835", 400),
                file("clinics/sunrise/outbox/rejected-20260101-1-claim7.json", 400),
                file("sent/acme/acme-20260101T000000Z-000000001.837", 400),
                file("notify/pending/n1.json", 400),
                file("notify/failed/n2.json", 400));
        List<Path> kept = List.of(
                file("replies/received/acme/20261120T000000000Z-dddd.x12", 9),
                file("clinics/sunrise/inbox/.done/visit-3.hl7", 9),
                file("sent/acme/acme-20261120T000000Z-000000002.837", 9),
                // still to be read, waiting for an operator's redelivery, or on its way out: never removed
                file("clinics/sunrise/inbox/visit-4.hl7", 400),
                file("dead/acme/acme-20260101T000000Z-000000003.837", 400),
                file("outgoing/acme/acme-20260101T000000Z-000000004.837", 400),
                file("ledger-id", 400));

        int removed = new FileRetention(data, List.of(clinic()), Clock.fixed(NOW, ZoneOffset.UTC), 365).purge();

        assertThat(removed).isEqualTo(old.size());
        assertThat(old).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(kept).allSatisfy(f -> assertThat(f).exists());
    }

    @Test
    void retention_off_removes_nothing() throws Exception {
        Path old = file("replies/received/acme/old.x12", 4000);

        assertThat(new FileRetention(data, List.of(clinic()), Clock.fixed(NOW, ZoneOffset.UTC), 0).purge()).isZero();
        assertThat(old).exists();
    }

    private ClinicConfig clinic() {
        return new ClinicConfig("sunrise", "Sunrise", "1234567893", "123456789", "207Q00000X", null, "11", null,
                List.of("SUNRISE"), data.resolve("clinics/sunrise/inbox"), data.resolve("clinics/sunrise/outbox"), ClinicConfig.ReplyTo.FOLDER,
                null);
    }

    private Path file(String relative, int daysOld) throws Exception {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ISA*...");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
        return file;
    }
}
