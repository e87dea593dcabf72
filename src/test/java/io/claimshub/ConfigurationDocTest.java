package io.claimshub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the shipped config/application.properties (and of the demo profile's) is named, in full and
 * in backquotes, somewhere under docs/, so a reader can look each one up; and where docs/configuration.md
 * gives a key a row of its own, its default is the shipped value.
 */
class ConfigurationDocTest {

    /** {@code | `key` | `default` | ...} or {@code | `key` | empty ... | ...}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]+)` \\| ([^|]*?) \\|.*");

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

    @Test
    void the_defaults_in_configuration_md_are_the_shipped_values() throws IOException {
        Properties shipped = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher row = KEY_ROW.matcher(line);
            if (!row.matches() || shipped.getProperty(row.group(1)) == null) {
                continue;
            }
            rows++;
            String value = shipped.getProperty(row.group(1)).strip();
            String documented = row.group(2).strip();
            boolean same = value.isEmpty() ? documented.startsWith("empty") : documented.equals("`" + value + "`");
            if (!same) {
                wrong.add(row.group(1) + ": docs say " + documented + ", config/application.properties has '" + value + "'");
            }
        }
        assertThat(rows).as("rows with one key").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
