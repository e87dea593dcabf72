package io.claimshub.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The API's users and keys, from a properties file (claimshub.api.users-file):
 * <pre>
 * user.alice = operator 5f1c...:9a0b...     # HTTP basic auth: user alice
 * key.billing-report = reader 77aa...:0c3d... # X-API-Key header; the name is what the audit log shows
 * </pre>
 * The value is the role, a space, and a {@link SecretHash}. The file is read again when it changes, so
 * users are added or removed without a restart. A missing file means nobody gets in. Secrets and
 * hashes are never logged; a bad line is reported by its key only.
 */
public final class ApiUsers {

    /** How a newcomer lets someone in: named by the start-up banner and the warning about an empty file. */
    public static final String ADD_USER_COMMAND = "claims-hub user add NAME --role operator";
    private static final Logger LOG = LoggerFactory.getLogger(ApiUsers.class);
    /** Checked for unknown users too, so a wrong user name takes as long as a wrong password. */
    private static final SecretHash DECOY = SecretHash.parse(SecretHash.create("decoy"));

    private final Path file;
    private FileTime loadedVersion;
    private volatile Map<String, Entry> users = Map.of();
    private volatile List<Entry> keys = List.of();

    private record Entry(String name, Role role, SecretHash hash) {
    }

    public ApiUsers(Path file) {
        this.file = file;
        reloadIfChanged();
        if (users.isEmpty() && keys.isEmpty()) {
            LOG.warn("API users file {} is missing or lists nobody: every API request will be answered 401;"
                    + " add a user with: {}", file, ADD_USER_COMMAND);
        }
    }

    /**
     * The caller named by an {@code X-API-Key} header, else by an {@code Authorization: Basic} header;
     * empty when neither is given or they do not match.
     */
    public Optional<ApiUser> authenticate(String authorization, String apiKey) {
        reloadIfChanged();
        if (apiKey != null && !apiKey.isEmpty()) {
            return byKey(apiKey);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Entry user = users.get(decoded.substring(0, colon));
        boolean matches = (user == null ? DECOY : user.hash()).matches(decoded.substring(colon + 1));
        return user != null && matches ? Optional.of(new ApiUser(user.name(), user.role())) : Optional.empty();
    }

    private Optional<ApiUser> byKey(String apiKey) {
        Entry found = null;
        // Every key is checked, so the time taken does not tell which entry matched.
        for (Entry key : keys) {
            if (key.hash().matches(apiKey) && found == null) {
                found = key;
            }
        }
        return found == null ? Optional.empty() : Optional.of(new ApiUser(found.name(), found.role()));
    }

    private synchronized void reloadIfChanged() {
        FileTime version;
        try {
            version = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return;
        }
        if (version == null ? loadedVersion == null && users.isEmpty() : version.equals(loadedVersion)) {
            return;
        }
        loadedVersion = version;
        if (version == null) {
            users = Map.of();
            keys = List.of();
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            LOG.error("cannot read API users file {}: {}", file, e.getClass().getSimpleName());
            return;
        }
        Map<String, Entry> newUsers = new LinkedHashMap<>();
        List<Entry> newKeys = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            try {
                String[] value = properties.getProperty(key).strip().split("\\s+", 2);
                if (value.length != 2) {
                    throw new IllegalArgumentException("the value must be '<role> <salt>:<sha256>'");
                }
                if (key.startsWith("user.") && key.length() > 5) {
                    newUsers.put(key.substring(5), new Entry(key.substring(5), Role.parse(value[0]), SecretHash.parse(value[1])));
                } else if (key.startsWith("key.") && key.length() > 4) {
                    newKeys.add(new Entry(key.substring(4), Role.parse(value[0]), SecretHash.parse(value[1])));
                } else {
                    throw new IllegalArgumentException("keys are user.<name> or key.<name>");
                }
            } catch (IllegalArgumentException e) {
                LOG.error("API users file {}: entry '{}' ignored: {}", file, key, e.getMessage());
            }
        }
        users = Map.copyOf(newUsers);
        keys = List.copyOf(newKeys);
        LOG.info("API users file {} loaded: {} users, {} keys", file, users.size(), keys.size());
    }
}
