package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One map of a partner file (a clinic, a payer, or a map nested in one) and the reads every key needs.
 * Problems are collected rather than thrown so that one start-up reports all of them; each names the
 * file, the partner and the key path: {@code payers.yaml: payer 'acme': key 'interchange.usage': ...}.
 * A read that finds a problem returns null (or the default) and the loader fails at the end.
 */
final class ConfigSection {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** File and partner, e.g. {@code clinics.yaml: clinic 'sunrise'}. */
    private final String where;
    /** Key path of this map inside the partner, empty for the partner itself. */
    private final String path;
    private final JsonNode node;
    private final List<String> problems;

    ConfigSection(String where, JsonNode node, List<String> problems) {
        this(where, "", node, problems);
    }

    private ConfigSection(String where, String path, JsonNode node, List<String> problems) {
        this.where = where;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem with one key of this map. */
    void problem(String key, String what) {
        problems.add(where + ": key '" + keyPath(key) + "': " + what);
    }

    /** A problem with this map as a whole. */
    void problem(String what) {
        problems.add(path.isEmpty() ? where + ": " + what : where + ": key '" + path + "': " + what);
    }

    void missing(String key) {
        problems.add(where + ": missing required key '" + keyPath(key) + "'");
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** Reports every key not in {@code known}; secret-looking keys are left to {@link SecretKeys}. */
    void allowOnly(List<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!known.contains(key) && !SecretKeys.looksLikeSecret(key)) {
                problems.add(where + ": unknown key '" + keyPath(key) + "' (known keys: " + String.join(", ", known) + ")");
            }
        }
    }

    String requiredText(String key) {
        return text(key, true);
    }

    String optionalText(String key) {
        return text(key, false);
    }

    private String text(String key, boolean required) {
        JsonNode value = value(key, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(key, "must be a single value, not " + (value.isArray() ? "a list" : "a map"));
            return null;
        }
        String text = value.textValue().trim();
        if (text.isEmpty()) {
            if (required) {
                problem(key, "is empty");
            }
            return null;
        }
        return text;
    }

    /** A list of single values, e.g. {@code match: ["ACME", "60054"]}; an absent optional list is empty. */
    List<String> texts(String key, boolean required) {
        JsonNode value = value(key, required);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (!value.isArray()) {
            problem(key, "must be a list, like [" + (value.isTextual() ? value.textValue() : "A, B") + "]");
            return texts;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual() && !item.textValue().isBlank()) {
                texts.add(item.textValue().trim());
            } else {
                problem(key, "item #" + (i + 1) + " must be a single non-empty value");
            }
        }
        if (required && value.isEmpty()) {
            problem(key, "lists nothing; give at least one value");
        }
        return texts;
    }

    /** The keys of this map, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.properties().forEach(field -> keys.add(field.getKey()));
        return keys;
    }

    ConfigSection requiredSection(String key) {
        return section(key, true);
    }

    ConfigSection optionalSection(String key) {
        return section(key, false);
    }

    private ConfigSection section(String key, boolean required) {
        JsonNode value = value(key, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(key, "must be a map of keys, not " + (value.isArray() ? "a list" : "a single value"));
            return null;
        }
        return new ConfigSection(where, keyPath(key), value, problems);
    }

    /** A file or folder; a relative one is resolved against {@code workDir}, an absolute one stays. */
    Path path(String key, boolean required, Path workDir) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }
        try {
            return workDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problem(key, "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    Integer integer(String key, boolean required, int min, int max) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        problem(key, text + " must be a whole number from " + min + " to " + max);
        return null;
    }

    /** {@code true} or {@code false}; {@code fallback} when the key is absent. */
    boolean flag(String key, boolean fallback) {
        String text = text(key, false);
        if (text == null) {
            return fallback;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(key, "'" + text + "' must be true or false");
        return fallback;
    }

    /** A positive duration such as {@code 15m}; {@code fallback} when the key is absent. */
    Duration duration(String key, Duration fallback) {
        String text = text(key, false);
        if (text == null) {
            return fallback;
        }
        try {
            Duration duration = Durations.parse(text);
            if (duration.isZero()) {
                problem(key, "must be longer than zero");
                return fallback;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return fallback;
        }
    }

    /**
     * The name of an environment variable that holds a secret. The value is never repeated in a
     * message: when it is not a variable name it may well be the secret itself.
     */
    String envName(String key, boolean required) {
        String name = text(key, required);
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            problem(key, "must be the name of an environment variable (letters, digits and _), not the secret itself");
            return null;
        }
        return name;
    }

    /** An http:// or https:// URL; not repeated in messages since a URL may carry a token. */
    String url(String key, boolean required) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getUserInfo() != null) {
                problem(key, "must not carry a user name or password; name them with 'auth' instead");
                return null;
            }
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problem(key, "is not an http:// or https:// URL");
        return null;
    }

    /** A single character written as is, e.g. an X12 delimiter; {@code fallback} when the key is absent. */
    char character(String key, char fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isTextual() && value.textValue().length() == 1) {
            return value.textValue().charAt(0);
        }
        problem(key, value.isNull()
                ? "has no value; write the character in quotes, like \"~\" (a bare ~ means empty in YAML)"
                : "must be a single character in quotes, like \"*\"");
        return fallback;
    }

    /** The value, or null when absent or empty; a required key that is absent or empty is reported. */
    private JsonNode value(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        if (value.isNull()) {
            if (required) {
                problem(key, "has no value");
            }
            return null;
        }
        return value;
    }
}
