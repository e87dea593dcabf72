package io.claimshub.replies;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyFileRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path data;

    @Test
    void reply_copies_older_than_the_retention_period_are_removed_and_newer_ones_and_the_outbox_stay() throws Exception {
        Path oldEra = file("replies/received/acme/20260101T000000000Z-aaaa.x12", 400);
        Path oldDone = file("replies/incoming/acme/.done/20260101T000000000Z-bbbb.x12", 400);
        Path oldUnmatched = file("replies/unmatched/acme/cccc.x12", 400);
        Path recent = file("replies/received/acme/20261120T000000000Z-dddd.x12", 9);
        Path outbox = file("clinics/sunrise/outbox/reply-era.835", 400);

        int removed = new ReplyFileRetention(data, Clock.fixed(NOW, ZoneOffset.UTC), 365).purge();

        assertThat(removed).isEqualTo(3);
        assertThat(oldEra).doesNotExist();
        assertThat(oldDone).doesNotExist();
        assertThat(oldUnmatched).doesNotExist();
        assertThat(recent).exists();
        assertThat(outbox).exists();
    }

    @Test
    void retention_off_removes_nothing() throws Exception {
        Path old = file("replies/received/acme/old.x12", 4000);

        assertThat(new ReplyFileRetention(data, Clock.fixed(NOW, ZoneOffset.UTC), 0).purge()).isZero();
        assertThat(old).exists();
    }

    private Path file(String relative, int daysOld) throws Exception {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ISA*...");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
        return file;
    }
}
