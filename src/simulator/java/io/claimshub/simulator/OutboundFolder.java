package io.claimshub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The folder the hub polls for replies: each file appears whole (written aside, then renamed). */
final class OutboundFolder {

    private final Path folder;

    OutboundFolder(Path folder) {
        this.folder = folder;
    }

    Path write(String name, byte[] content) {
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve("." + name + ".part");
            Files.write(temporary, content);
            return Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reply " + name + " to " + folder + ": " + e.getMessage(), e);
        }
    }
}
