package io.claimshub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares what the hub wrote with a golden file under {@code src/test/resources/golden/}, byte for
 * byte. A golden file is reviewed by eye against docs/ when it is made, so a change in it is a change
 * in behaviour and shows in review.
 *
 * <p>To make or remake golden files from the current code, run the test with
 * {@code -Dgolden.update=true}, e.g.
 * {@code mvn -o -q test -Dtest=ReplyGoldenTest -Dgolden.update=true}, then read the diff before committing.
 */
public final class Golden {

    /** Write the golden files from the current output instead of comparing with them. */
    public static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {
    }

    /** {@code written} is byte for byte the golden file {@code name} (a path under golden/). */
    public static void assertMatches(String name, byte[] written) {
        Path golden = ROOT.resolve(name);
        if (UPDATE) {
            write(golden, written);
            return;
        }
        assertThat(golden).as("golden file %s (make it with -Dgolden.update=true)", golden).isRegularFile();
        // ISO-8859-1 maps each byte to one char: an exact comparison that shows a readable diff
        assertThat(new String(written, StandardCharsets.ISO_8859_1)).as("golden file %s", golden)
                .isEqualTo(new String(read(golden), StandardCharsets.ISO_8859_1));
    }

    /** The folder holds exactly the files of the golden folder {@code name}, each byte for byte. */
    public static void assertFolderMatches(String name, Path folder) {
        List<String> written = names(folder);
        Path golden = ROOT.resolve(name);
        if (UPDATE) {
            for (String old : names(golden)) {
                try {
                    Files.delete(golden.resolve(old));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } else {
            assertThat(written).as("files in %s, against golden folder %s", folder, golden).isEqualTo(names(golden));
        }
        for (String file : written) {
            assertMatches(name + "/" + file, read(folder.resolve(file)));
        }
    }

    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
