package io.claimshub.intake;

import io.claimshub.storage.PrivateFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code <name>.reason.txt} beside a clinic file that is set aside in {@code inbox/.error/}, so the
 * clinic sees why without reading logs. Only {@link UnreadableFileException} messages are known to be
 * free of patient data, so other failures are logged by type only; the reason file (in the clinic's own
 * folder) gets the full message.
 */
public final class FailedFileReasons {

    private static final Logger LOG = LoggerFactory.getLogger(FailedFileReasons.class);

    /** For a file a route moved to {@code .error/} because processing it threw {@code error}. */
    public Path write(String inboxDir, String archiveName, String fileName, Throwable error) {
        Path errorDir = Path.of(inboxDir).resolve(".error");
        String reason = error instanceof UnreadableFileException ? error.getMessage()
                : fileName + ": could not be processed (" + error.getClass().getSimpleName() + "): " + error.getMessage();
        Path reasonFile = writeReason(errorDir, archiveName, reason);
        if (error instanceof UnreadableFileException) {
            LOG.warn("file set aside file={} reason={}", fileName, error.getMessage());
        } else {
            LOG.error("file set aside file={} error={} (details in {})", fileName, error.getClass().getName(), reasonFile);
        }
        return reasonFile;
    }

    /**
     * For an entry already moved to {@code errorDir} under {@code archiveName}.
     *
     * @param reason free of patient data (it is logged): names, types and counts only
     */
    public Path write(Path errorDir, String archiveName, String reason) {
        Path reasonFile = writeReason(errorDir, archiveName, reason);
        LOG.warn("file set aside reason={}", reason);
        return reasonFile;
    }

    private static Path writeReason(Path errorDir, String archiveName, String reason) {
        Path reasonFile = errorDir.resolve(archiveName + ".reason.txt");
        try {
            PrivateFiles.writeAtomically(reasonFile, (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + reasonFile, e);
        }
        return reasonFile;
    }
}
