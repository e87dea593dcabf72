package io.claimshub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Folder work the end-to-end tests share: dropping a file the way a careful system does, listing, reading. */
public final class Folders {

    private Folders() {
    }

    /** Writes under a temporary name first, as a careful clinic or payer system would, then renames. */
    public static void drop(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        Path temp = folder.resolve(name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, folder.resolve(name));
    }

    /** The visible regular files of a folder, sorted; none when it does not exist. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
