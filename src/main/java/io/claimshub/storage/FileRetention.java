package io.claimshub.storage;

import io.claimshub.config.ClinicConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the files holding patient data once they are older than the retention period, as the
 * ledger's payload purge does for claims: the hub's copies of payer replies ({@code <data>/replies/}),
 * 837 files sent to payers ({@code <data>/sent/}), notices for clinics ({@code <data>/notify/}), and per
 * clinic the files read from its inbox ({@code .done/}, {@code .error/}) and everything the hub wrote
 * into its outbox. The ledger keeps what each file did to each claim.
 *
 * <p>Left alone whatever their age: files still waiting in an inbox, batch files on their way out
 * ({@code <data>/outgoing/}) or waiting for an operator's redelivery ({@code <data>/dead/}), and files in
 * a payer's own folder.
 */
public final class FileRetention {

    private final List<Path> folders;
    private final Clock clock;
    private final int days;

    /** @param days keep files this many days; 0 or less keeps them forever */
    public FileRetention(Path dataDir, List<ClinicConfig> clinics, Clock clock, int days) {
        List<Path> purged = new ArrayList<>(List.of(dataDir.resolve("replies"), dataDir.resolve("sent"),
                dataDir.resolve("notify")));
        for (ClinicConfig clinic : clinics) {
            if (clinic.inbox() != null) {
                purged.add(clinic.inbox().resolve(".done"));
                purged.add(clinic.inbox().resolve(".error"));
            }
            if (clinic.outbox() != null) {
                purged.add(clinic.outbox());
            }
        }
        this.folders = List.copyOf(purged);
        this.clock = clock;
        this.days = days;
    }

    /** @return how many files were removed */
    public int purge() {
        if (days <= 0) {
            return 0;
        }
        FileTime cutoff = FileTime.from(clock.instant().minus(Duration.ofDays(days)));
        int removed = 0;
        for (Path folder : folders) {
            removed += purge(folder, cutoff);
        }
        return removed;
    }

    private static int purge(Path folder, FileTime cutoff) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> old;
        try (Stream<Path> files = Files.walk(folder)) {
            old = files.filter(Files::isRegularFile).filter(f -> modified(f).compareTo(cutoff) < 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
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
