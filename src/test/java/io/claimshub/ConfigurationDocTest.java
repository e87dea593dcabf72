package io.claimshub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the shipped config/application.properties (and of the demo profile's) is named, in full and
 * in backquotes, somewhere under docs/, so a reader can look each one up.
 */
class ConfigurationDocTest {

    @Test
    void every_key_of_the_shipped_application_properties_is_documented() throws IOException {
        String docs;
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            docs = files.filter(p -> p.toString().endsWith(".md")).sorted().map(ConfigurationDocTest::read)
                    .collect(Collectors.joining("\n"));
        }
        TreeSet<String> keys = new TreeSet<>();
        for (Path properties : List.of(Path.of("config/application.properties"), Path.of("config/demo/application.properties"))) {
            Properties loaded = new Properties();
            try (Reader in = Files.newBufferedReader(properties)) {
                loaded.load(in);
            }
            keys.addAll(loaded.stringPropertyNames());
        }
        assertThat(keys).hasSizeGreaterThan(60);

        assertThat(keys.stream().filter(key -> !docs.contains("`" + key + "`")).toList())
                .as("keys of config/application.properties that no docs/*.md names")
                .isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
