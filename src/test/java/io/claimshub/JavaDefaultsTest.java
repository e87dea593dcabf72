package io.claimshub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default of a config key lives in config/application.properties only (shipped in the jar as
 * defaults/application.properties and read under the user's file), never a second time in Java as the
 * fallback of a lookup, where the two drift apart (issue 14: port 9876 was written in both).
 */
class JavaDefaultsTest {

    /** {@code lookup("camel.server.port", "8080")}: a key followed by a literal fallback. */
    private static final Pattern FALLBACK = Pattern.compile(
            "(\\w+)\\([^()]*\"((?:camel|claimshub)\\.[a-z0-9.-]+)\"\\s*,\\s*(\"[^\"]*\"|[A-Za-z_.]*DEFAULT\\w*)\\)");

    @Test
    void no_config_key_gets_a_default_written_in_java() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = FALLBACK.matcher(Files.readString(source));
                while (m.find()) {
                    // setting a key is not a default: run --new-ledger overrides one
                    if (!m.group(1).startsWith("add")) {
                        found.add(source.getFileName() + ": " + m.group(2) + " = " + m.group(3));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
