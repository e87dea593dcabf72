package io.claimshub.clinicreturn;

import io.claimshub.storage.PrivateFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Notices on disk, one JSON file each: {@code pending/} until the clinic's system confirmed them,
 * {@code failed/} when they could not be delivered. Files are written under a temporary name and
 * renamed, so a crash leaves either the old or the new version, and a restart resumes where it was.
 */
public final class NoticeQueue {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path pending;
    private final Path failed;

    public NoticeQueue(Path directory) {
        this.pending = directory.resolve("pending");
        this.failed = directory.resolve("failed");
    }

    public void put(Notice notice) {
        write(pending, notice);
    }

    /** Pending notices whose next attempt has come, oldest first. */
    public List<Notice> due(Instant now) {
        return read(pending).stream().filter(n -> !n.nextAttempt().isAfter(now)).toList();
    }

    /** The notice as it is on disk now (another hub may have sent or rescheduled it); empty when gone. */
    public Optional<Notice> current(Notice notice) {
        try {
            return readIfPresent(pending.resolve(notice.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notice " + notice.id(), e);
        }
    }

    /** Empty when the file is gone: another hub sent and removed it. */
    private static Optional<Notice> readIfPresent(Path file) throws IOException {
        try {
            return Optional.of(JSON.readValue(file.toFile(), Notice.class));
        } catch (java.io.FileNotFoundException | NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    public List<Notice> pending() {
        return read(pending);
    }

    public List<Notice> failed() {
        return read(failed);
    }

    public void remove(Notice notice) {
        try {
            Files.deleteIfExists(pending.resolve(notice.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove notice " + notice.id(), e);
        }
    }

    public void moveToFailed(Notice notice) {
        write(failed, notice);
        remove(notice);
    }

    private static void write(Path directory, Notice notice) {
        try {
            PrivateFiles.writeAtomically(directory.resolve(notice.id() + ".json"), JSON.writeValueAsBytes(notice));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store notice " + notice.id(), e);
        }
    }

    private static List<Notice> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Notice> notices = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                // one sent and removed by another hub since the folder was listed is no longer this list's
                readIfPresent(file).ifPresent(notices::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notices in " + directory, e);
        }
        return notices;
    }
}
