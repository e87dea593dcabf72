package io.claimshub.intake;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.LedgerException;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.storage.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One look at a clinic's inbox folder: every file that has stopped changing is taken, the rest wait for
 * a later look. A file goes to {@code .done/} once all its messages are in the ledger, or to
 * {@code .error/} with a {@code .reason.txt} when it cannot be read at all. Whatever is not a plain file
 * (an empty file, a folder, a symbolic link, a named pipe, a device, a socket) is set aside in
 * {@code .error/} with its reason without being opened or followed, so nothing holds up the files
 * beside it.
 *
 * <p>A file is read once its modification time is {@code stableWindow} old, and checked again after
 * reading: if it grew meanwhile it stays in the inbox and is read on from where it stopped once stable
 * again. When the hub stops in the middle of a file, the file stays in the inbox and the number of
 * items taken is kept in {@code .progress/}, so the next start goes on from there; a resent item would
 * only be a duplicate in the ledger anyway, never a second claim.
 *
 * <p>Several hubs may look at one shared inbox: each file is taken by one of them, through a claim in the
 * ledger ({@link WorkClaims}, keyed by clinic, name, size and modification time) that the hub marks done,
 * fenced, right before it moves the file. A file whose hub died or froze past its lease is taken over by
 * another hub, which goes on from the last progress noted (what was taken twice is a duplicate).
 */
public final class ClinicInbox {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicInbox.class);
    /** Names of files still being written by tools that write under a temporary name and rename. */
    private static final Pattern TEMPORARY = Pattern.compile(".*\\.(tmp|part|filepart|crdownload)$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final PartnerConfig partners;
    private final ClinicFileIntake files;
    private final FailedFileReasons reasons;
    private final Duration stableWindow;
    private final Clock clock;
    private final WorkClaims claims;
    private volatile boolean stopping;

    /** One hub alone on its inbox folders. */
    public ClinicInbox(PartnerConfig partners, ClinicFileIntake files, FailedFileReasons reasons,
                       Duration stableWindow, Clock clock) {
        this(partners, files, reasons, stableWindow, clock, WorkClaims.singleHub());
    }

    /**
     * @param stableWindow how long a file must have been unchanged before it is read
     * @param claims       who takes which file when several hubs share the inbox folders
     */
    public ClinicInbox(PartnerConfig partners, ClinicFileIntake files, FailedFileReasons reasons,
                       Duration stableWindow, Clock clock, WorkClaims claims) {
        this.claims = claims;
        this.partners = partners;
        this.files = files;
        this.reasons = reasons;
        this.stableWindow = stableWindow;
        this.clock = clock;
    }

    /** Takes what is ready in the clinic's inbox, one entry after the other, until done or stopping. */
    public void poll(String clinicId) throws IOException {
        ClinicConfig clinic = partners.clinic(clinicId)
                .orElseThrow(() -> new IllegalArgumentException("no clinic '" + clinicId + "' in clinics.yaml"));
        Path inbox = Files.createDirectories(clinic.inbox());
        List<Path> entries;
        try (Stream<Path> list = Files.list(inbox)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !TEMPORARY.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        }
        for (Path entry : entries) {
            if (stopping) {
                return;
            }
            take(clinic, entry);
        }
    }

    /**
     * Stops between two items: the file being read stays in the inbox with its progress noted. Called
     * when the hub begins to stop, before its routes and the ledger are stopped.
     */
    public void stop() {
        stopping = true;
    }

    private void take(ClinicConfig clinic, Path entry) throws IOException {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        }
        String name = entry.getFileName().toString();
        String notAFile = notAFile(entry, before);
        if (notAFile == null && !stable(before)) {
            return;
        }
        String key = clinic.id() + "/" + name + "/" + before.size() + "/" + before.lastModifiedTime().toMillis();
        switch (claims.claim(WorkClaims.INBOX_FILE, key)) {
            case HELD_ELSEWHERE -> {
                return;
            }
            case FINISHED -> {
                // Its hub recorded it done and stopped before moving it.
                if (archive(entry, ".done") != null) {
                    LOG.info("file moved to .done for a hub that stopped after taking it clinic={} file={}", clinic.id(), name);
                }
                claims.forget(WorkClaims.INBOX_FILE, key);
                return;
            }
            case TAKEN -> {
                if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                    // Another hub finished and moved it since this look listed the folder.
                    claims.release(WorkClaims.INBOX_FILE, key);
                    return;
                }
            }
        }
        try {
            if (notAFile != null) {
                setAside(entry, key, name + ": " + notAFile);
            } else {
                read(clinic, entry, before, key);
            }
        } catch (LeaseLostException lost) {
            LOG.warn("file left to another hub clinic={} file={}: {}", clinic.id(), name, lost.getMessage());
        }
    }

    private void read(ClinicConfig clinic, Path entry, BasicFileAttributes before, String key) throws IOException {
        String name = entry.getFileName().toString();
        InboxProgress progress = new InboxProgress(entry);
        int[] done = {progress.itemsTaken(before.size())};
        try {
            ClinicFileIntake.Pass pass = files.process(clinic.id(), entry, done[0], () -> stopping,
                    ordinal -> done[0] = ordinal);
            if (pass.stopped()) {
                progress.save(pass.items(), before);
                claims.release(WorkClaims.INBOX_FILE, key);
                return;
            }
            if (changedSince(entry, before)) {
                // The last message may have been cut where the writer paused: it is read again (a
                // duplicate if it was whole). The changed file is another claim.
                progress.save(Math.max(0, pass.items() - 1), before);
                claims.release(WorkClaims.INBOX_FILE, key);
                LOG.warn("file changed while it was read clinic={} file={}: the rest is read once it stops changing",
                        clinic.id(), name);
                return;
            }
            claims.finish(WorkClaims.INBOX_FILE, key);
            archive(entry, ".done");
            progress.clear();
            claims.forget(WorkClaims.INBOX_FILE, key);
        } catch (UnreadableFileException e) {
            if (changedSince(entry, before)) {
                progress.save(Math.max(0, done[0] - 1), before);
                claims.release(WorkClaims.INBOX_FILE, key);
                return;
            }
            setAside(entry, key, e.getMessage());
            progress.clear();
        } catch (NoSuchFileException gone) {
            LOG.warn("file removed before it was read clinic={} file={}", clinic.id(), name);
            progress.clear();
            claims.release(WorkClaims.INBOX_FILE, key);
        } catch (AccessDeniedException e) {
            setAside(entry, key, name + ": the hub may not read this file (permission denied): let the hub's user read it"
                    + " and drop it again");
        } catch (LeaseLostException lost) {
            throw lost;
        } catch (LedgerException unavailable) {
            // Not the file's fault: it stays, and a later look goes on after the last item recorded. The
            // route reports the outage (ledger-outage-timers), once every 30 s.
            progress.save(done[0], before);
            throw unavailable;
        } catch (IOException | RuntimeException e) {
            setAside(entry, key, name + ": could not be processed (" + e.getClass().getSimpleName() + ") after message #"
                    + done[0] + "; the messages before it were taken");
            progress.clear();
        }
    }

    /** Why an inbox entry is not a plain file with content, or null when it is one. */
    private static String notAFile(Path entry, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link; links are not followed: put the file itself in the inbox";
        }
        if (attributes.isDirectory()) {
            return "a folder; files in folders are not read: put the files themselves in the inbox";
        }
        if (attributes.isOther()) {
            return specialKind(entry) + ", not a file: only plain files are read";
        }
        return null;
    }

    /** Named pipe, device or socket, told by the file type bits of the Unix mode. */
    private static String specialKind(Path entry) {
        try {
            int type = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000, 0060000 -> "a device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    private boolean stable(BasicFileAttributes attributes) {
        return !attributes.lastModifiedTime().toInstant().plus(stableWindow).isAfter(clock.instant());
    }

    private static boolean changedSince(Path entry, BasicFileAttributes before) throws IOException {
        try {
            BasicFileAttributes now = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.size() != before.size() || !now.lastModifiedTime().equals(before.lastModifiedTime());
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** Fenced like a file read: only the hub that holds the entry's claim moves it. */
    private void setAside(Path entry, String key, String reason) throws IOException {
        claims.finish(WorkClaims.INBOX_FILE, key);
        Path archived = archive(entry, ".error");
        if (archived != null) {
            reasons.write(archived.getParent(), archived.getFileName().toString(), reason);
        }
        claims.forget(WorkClaims.INBOX_FILE, key);
    }

    /** Moves an entry (never what a link points to) to a folder of the inbox; null when it is gone. */
    private Path archive(Path entry, String folder) throws IOException {
        Path target = PrivateFiles.createDirectories(entry.resolveSibling(folder))
                .resolve(STAMP.format(clock.instant()) + "-" + entry.getFileName());
        for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = target.resolveSibling(STAMP.format(clock.instant()) + "-" + n + "-" + entry.getFileName());
        }
        try {
            return Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            LOG.warn("file removed while it was read file={}: every message read from it was taken",
                    entry.getFileName());
            return null;
        }
    }
}
