package io.claimshub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Files the tests share: test resources read by name, a file dropped into a folder the way a careful
 * system does, a folder listed, a file read.
 */
public final class Fixtures {

    private static final List<String> PARTNER_FILES = List.of("clinics.yaml", "payers.yaml");

    private Fixtures() {
    }

    /** The bytes of a test resource, e.g. {@code resourceBytes("hl7/dft-p03-valid.hl7")}. */
    public static byte[] resourceBytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as UTF-8 text. */
    public static String resource(String path) {
        return new String(resourceBytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Copies a test config folder's partner files (clinics.yaml and payers.yaml, paths in them relative to
     * the hub's working directory), e.g. {@code partnerConfig("e2e/config", workDir.resolve("config"))},
     * replacing any there; the config folder, created when missing.
     */
    public static Path partnerConfig(String resourceFolder, Path configDir) {
        return partnerConfig(name -> resourceBytes(resourceFolder + "/" + name), configDir);
    }

    /** Copies clinics.yaml and payers.yaml from a folder on disk (e.g. the shipped config/). */
    public static Path partnerConfigFrom(Path folder, Path configDir) {
        return partnerConfig(name -> {
            try {
                return Files.readAllBytes(folder.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, configDir);
    }

    private static Path partnerConfig(Function<String, byte[]> partnerFile, Path configDir) {
        try {
            Files.createDirectories(configDir);
            for (String name : PARTNER_FILES) {
                Files.write(configDir.resolve(name), partnerFile.apply(name));
            }
            return configDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Every regular file of a folder, hidden ones (a writer's temporary file) included, sorted. */
    public static List<Path> allFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
