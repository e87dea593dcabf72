package io.claimshub.replies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the hub's own copies of payer replies (277CA and 835 files name patients) once they are older
 * than the retention period, as the ledger's payload purge does for claims: everything under
 * {@code <data>/replies/} (received copies, processed incoming files, unmatched and broken files, pickup
 * records). The ledger keeps what each reply did to each claim. The clinic's outbox is the clinic's,
 * and is left alone.
 */
public final class ReplyFileRetention {

    private final Path repliesDir;
    private final Clock clock;
    private final int days;

    /** @param days keep files this many days; 0 or less keeps them forever */
    public ReplyFileRetention(Path dataDir, Clock clock, int days) {
        this.repliesDir = dataDir.resolve("replies");
        this.clock = clock;
        this.days = days;
    }

    /** @return how many files were removed */
    public int purge() {
        if (days <= 0 || !Files.isDirectory(repliesDir)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(clock.instant().minus(Duration.ofDays(days)));
        List<Path> old;
        try (Stream<Path> files = Files.walk(repliesDir)) {
            old = files.filter(Files::isRegularFile).filter(f -> modified(f).compareTo(cutoff) < 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + repliesDir, e);
        }
        int removed = 0;
        for (Path file : old) {
            try {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file, e);
            }
        }
        return removed;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.from(Instant.MAX);
        }
    }
}
