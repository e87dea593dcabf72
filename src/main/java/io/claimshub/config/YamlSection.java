package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of a config file (a clinic, a payer, or a nested block of one) with the words to
 * name it in messages, collecting problems instead of stopping at the first: a clinic office fixes
 * a config once, not once per error.
 */
final class YamlSection {

    private static final Set<String> INLINE_SECRETS = Set.of("password", "token", "secret", "privateKey", "apiKey");

    private final JsonNode node;
    private final String where;
    private final List<String> problems;

    YamlSection(JsonNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    String where() {
        return where;
    }

    void problem(String key, String message) {
        problems.add(where + ": key '" + key + "': " + message);
    }

    /** Flags keys that are not in {@code known} and secrets written inline. */
    void allowOnly(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (INLINE_SECRETS.contains(name)) {
                problem(name, "secrets are never written in the config; name an environment variable"
                        + " (passwordEnv, tokenEnv) or a file (passwordFile, privateKeyFile) instead");
            } else if (!known.contains(name)) {
                problems.add(where + ": unknown key '" + name + "' (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String required(String key) {
        String value = optional(key);
        if (value == null || value.isBlank()) {
            if (!has(key)) {
                problems.add(where + ": missing required key '" + key + "'");
            } else {
                problem(key, "must not be empty");
            }
            return null;
        }
        return value;
    }

    String optional(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problem(key, "must be a single value");
            return null;
        }
        return value.asText().trim();
    }

    String optional(String key, String defaultValue) {
        String value = optional(key);
        return value == null ? defaultValue : value;
    }

    /** A required value that must match a pattern; {@code expected} says what it should look like. */
    String matching(String key, String regex, String expected) {
        String value = required(key);
        if (value != null && !value.matches(regex)) {
            problem(key, "'" + value + "' " + expected);
        }
        return value;
    }

    Integer integer(String key, Integer defaultValue, int min, int max) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                problem(key, number + " is outside " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            problem(key, "'" + value + "' is not a whole number");
            return defaultValue;
        }
    }

    java.time.Duration duration(String key, String defaultValue) {
        String value = optional(key, defaultValue);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Durations.parse(defaultValue);
        }
    }

    /** A path, resolved against the hub's working directory when relative. */
    Path path(String key, Path workDir, boolean required) {
        String value = required ? required(key) : optional(key);
        return value == null ? null : workDir.resolve(value).normalize();
    }

    List<String> stringList(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(where + ": missing required key '" + key + "'");
            }
            return List.of();
        }
        if (!value.isArray() || (required && value.isEmpty())) {
            problem(key, required ? "must be a non-empty list, like [\"A\", \"B\"]" : "must be a list, like [\"A\", \"B\"]");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        value.forEach(item -> values.add(item.asText().trim()));
        return values;
    }

    /** A nested mapping, or null (with a problem when required). */
    YamlSection section(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(where + ": missing required key '" + key + "'");
            }
            return null;
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of keys to values");
            return null;
        }
        return new YamlSection(value, where + ": key '" + key + "'", problems);
    }
}
