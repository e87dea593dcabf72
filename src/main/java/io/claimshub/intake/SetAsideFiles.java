package io.claimshub.intake;

import io.claimshub.config.ClinicConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The clinic files the hub could not read at all: set aside in {@code inbox/.error/} with a
 * {@code <name>.reason.txt} beside them ({@link FailedFileReasons}). They never reach the ledger, so this
 * reads the folders, for the dashboard's list of unreadable inputs.
 */
public final class SetAsideFiles {

    private static final String REASON_SUFFIX = ".reason.txt";
    /** The intake route archives a file as {@code yyyyMMdd'T'HHmmssSSS-<its name>}. */
    private static final Pattern ARCHIVE_PREFIX = Pattern.compile("^\\d{8}T\\d{9}-");

    /**
     * @param fileName    the name the clinic gave the file
     * @param archiveName its name in {@code .error/}
     * @param reason      the text of its reason file
     */
    public record SetAsideFile(String clinicId, String fileName, String archiveName, String reason, Instant setAsideAt) {
    }

    /** The set-aside files of these clinics, newest first. */
    public List<SetAsideFile> list(List<ClinicConfig> clinics) {
        List<SetAsideFile> files = new ArrayList<>();
        for (ClinicConfig clinic : clinics) {
            Path errorDir = clinic.inbox().resolve(".error");
            if (!Files.isDirectory(errorDir)) {
                continue;
            }
            try (DirectoryStream<Path> reasons = Files.newDirectoryStream(errorDir, "*" + REASON_SUFFIX)) {
                for (Path reasonFile : reasons) {
                    String archiveName = reasonFile.getFileName().toString();
                    archiveName = archiveName.substring(0, archiveName.length() - REASON_SUFFIX.length());
                    files.add(new SetAsideFile(clinic.id(), ARCHIVE_PREFIX.matcher(archiveName).replaceFirst(""),
                            archiveName, Files.readString(reasonFile, StandardCharsets.UTF_8).strip(),
                            Files.getLastModifiedTime(reasonFile).toInstant()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + errorDir, e);
            }
        }
        files.sort(Comparator.comparing(SetAsideFile::setAsideAt).reversed());
        return files;
    }
}
