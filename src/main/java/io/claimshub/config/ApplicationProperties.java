package io.claimshub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * application.properties as every command reads it: config/application.properties as shipped with this
 * release (inside the jar, as defaults/application.properties) holds every key's default, and the user's
 * file is read over it, so one written before a key existed still works and no default is written a
 * second time in Java. Placeholders are left as written.
 */
public final class ApplicationProperties {

    private static final String SHIPPED = "/defaults/application.properties";

    private ApplicationProperties() {
    }

    /** Every key with its shipped default. */
    public static Properties shipped() {
        Properties defaults = new Properties();
        try (InputStream in = ApplicationProperties.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the class path");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /**
     * The shipped defaults with {@code file} read over them, as Camel reads it (the encoding of
     * {@link Properties#load(InputStream)}); the defaults alone when there is no such file.
     *
     * @throws IOException when the file is there but cannot be read
     */
    public static Properties read(Path file) throws IOException {
        Properties properties = shipped();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }
}
