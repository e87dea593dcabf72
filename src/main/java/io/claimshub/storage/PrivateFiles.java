package io.claimshub.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Files and folders the hub writes under its data folder and into clinic and payer folders hold patient
 * data: each is created readable by the hub's own user only (files 0600, folders 0700), whatever the
 * process's umask. Folders that exist already keep their modes (an operator may have opened a payer's
 * folder to a group on purpose). On a file system without POSIX permissions the defaults apply.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] FILE = POSIX
            ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FOLDER = POSIX
            ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];

    private PrivateFiles() {
    }

    /** Creates the folder and any missing parents 0700. */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, FOLDER);
    }

    /**
     * Makes an existing folder 0700 and the files directly in it 0600: for folders the hub owns outright
     * (the data folder, the ledger's), which an older version or another program may have made readable.
     */
    public static void restrict(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) {
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    /** Opens a file for writing, creating it 0600 if it does not exist. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), FILE);
    }

    /**
     * Writes {@code content} under a temporary name in the target's folder and renames it into place, so
     * nobody reads it half-written; the folder is created if missing.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
