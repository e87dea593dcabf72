package io.claimshub.api;

import io.claimshub.api.UsersFile.Entry;
import io.claimshub.api.UsersFile.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's users and keys, from the users file (claimshub.api.users-file, see {@link UsersFile}). The
 * file is read again when it changes, so users are added or removed without a restart. A missing file
 * means nobody gets in. Secrets and hashes are never logged; a bad line is reported by its key only.
 *
 * <p>Checking a {@link SecretHash} costs about half a second of CPU on purpose. So that a client making
 * many requests is not slowed down, a successful check is remembered for {@code cacheTime}: keyed by an
 * HMAC (with a key made at start and never stored) of the entry, its stored hash and the secret
 * presented, so a changed password, a removed user or any other secret misses the cache. Failures are
 * never cached.
 */
public final class ApiUsers {

    /** How a newcomer lets someone in: named by the start-up banner and the warning about an empty file. */
    public static final String ADD_USER_COMMAND = "claims-hub user add NAME --role operator";
    private static final Logger LOG = LoggerFactory.getLogger(ApiUsers.class);
    /** Checked for unknown users too, so a wrong user name takes as long as a wrong password. */
    private static final SecretHash DECOY = SecretHash.parse(SecretHash.create("decoy"));
    /** Past this many remembered logins, expired ones are dropped (and all of them if none had expired). */
    private static final int CACHE_LIMIT = 10_000;

    private final UsersFile file;
    private final Duration cacheTime;
    private final Clock clock;
    private final SecretKeySpec cacheKey;
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private FileTime loadedVersion;
    private boolean loaded;
    private volatile Map<String, Entry> users = Map.of();
    private volatile Map<String, Entry> keys = Map.of();

    /** What a request presents: a user name and password (basic auth), or an API key. */
    public record Credentials(Kind kind, String name, String secret) {
        /**
         * An {@code X-API-Key} header, else an {@code Authorization: Basic} header; empty when neither is
         * there or readable. A key's name is what comes before its first '.' (keys made by
         * {@code claims-hub user key} look like {@code <name>.<random>}), null for other keys.
         */
        public static Optional<Credentials> from(String authorization, String apiKey) {
            if (apiKey != null && !apiKey.isEmpty()) {
                int dot = apiKey.indexOf('.');
                return Optional.of(new Credentials(Kind.KEY, dot > 0 ? apiKey.substring(0, dot) : null, apiKey));
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
            return colon < 0 ? Optional.empty()
                    : Optional.of(new Credentials(Kind.USER, decoded.substring(0, colon), decoded.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** A successful check and whether the entry's hash is outdated (to be hashed again). */
    public record Verified(ApiUser user, Kind kind, boolean outdated) {
    }

    public ApiUsers(Path file) {
        this(file, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** @param cacheTime how long a successful check is remembered; zero remembers none */
    public ApiUsers(Path file, Duration cacheTime, Clock clock) {
        this.file = new UsersFile(file);
        this.cacheTime = cacheTime;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
        reloadIfChanged();
        if (users.isEmpty() && keys.isEmpty()) {
            LOG.warn("API users file {} is missing or lists nobody: every API request will be answered 401;"
                    + " add one with: {}", file, ADD_USER_COMMAND);
        }
    }

    /** The caller named by an {@code X-API-Key} header, else by an {@code Authorization: Basic} header. */
    public Optional<ApiUser> authenticate(String authorization, String apiKey) {
        return Credentials.from(authorization, apiKey).flatMap(this::verify).map(Verified::user);
    }

    /** Checks the credentials against the current file; empty when they match no entry. */
    public Optional<Verified> verify(Credentials credentials) {
        reloadIfChanged();
        if (credentials.kind() == Kind.USER) {
            Entry user = users.get(credentials.name());
            if (user == null) {
                DECOY.matches(credentials.secret());
                return Optional.empty();
            }
            return check(user, credentials.secret()) ? Optional.of(verified(user)) : Optional.empty();
        }
        Entry named = credentials.name() == null ? null : keys.get(credentials.name());
        if (named != null) {
            return check(named, credentials.secret()) ? Optional.of(verified(named)) : Optional.empty();
        }
        // Keys written by hand (or older ones) carry no name: each is tried.
        for (Entry key : keys.values()) {
            if (check(key, credentials.secret())) {
                return Optional.of(verified(key));
            }
        }
        if (keys.isEmpty()) {
            DECOY.matches(credentials.secret());
        }
        return Optional.empty();
    }

    /**
     * Replaces an outdated hash with a new one of the same secret, when the file can be written.
     *
     * @return false when the file is read-only to the hub
     */
    public synchronized boolean rehash(Verified login, String secret) throws IOException {
        if (!Files.isWritable(file.path())) {
            return false;
        }
        Entry current = (login.kind() == Kind.USER ? users : keys).get(login.user().name());
        if (current != null && current.hash().outdated()) {
            file.put(new Entry(current.kind(), current.name(), current.role(), SecretHash.parse(SecretHash.create(secret)),
                    current.clinics()), true);
        }
        reloadIfChanged();
        return true;
    }

    private static Verified verified(Entry entry) {
        return new Verified(new ApiUser(entry.name(), entry.role(), entry.clinics()), entry.kind(), entry.hash().outdated());
    }

    private boolean check(Entry entry, String secret) {
        if (cacheTime.isZero()) {
            return entry.hash().matches(secret);
        }
        String token = cacheToken(entry, secret);
        long now = clock.millis();
        Long until = verified.get(token);
        if (until != null && until > now) {
            return true;
        }
        if (!entry.hash().matches(secret)) {
            return false;
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.values().removeIf(expiry -> expiry <= now);
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
        }
        verified.put(token, now + cacheTime.toMillis());
        return true;
    }

    private String cacheToken(Entry entry, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            mac.update((entry.kind() + "\0" + entry.name() + "\0" + entry.hash().encoded() + "\0").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private synchronized void reloadIfChanged() {
        FileTime version;
        try {
            version = Files.exists(file.path()) ? Files.getLastModifiedTime(file.path()) : null;
        } catch (IOException e) {
            return;
        }
        if (loaded && (version == null ? loadedVersion == null : version.equals(loadedVersion))) {
            return;
        }
        loaded = true;
        loadedVersion = version;
        UsersFile.Contents contents;
        try {
            contents = file.read();
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot read API users file {}: {}", file.path(), e.getClass().getSimpleName());
            return;
        }
        contents.problems().forEach(problem -> LOG.error("API users file {}: {}", file.path(), problem));
        Map<String, Entry> newUsers = new HashMap<>();
        Map<String, Entry> newKeys = new HashMap<>();
        for (Entry entry : contents.entries()) {
            (entry.kind() == Kind.USER ? newUsers : newKeys).put(entry.name(), entry);
            if (entry.hash().outdated()) {
                LOG.warn("API users file {}: {} {} has an outdated {} hash: it is hashed again at its next successful"
                                + " login when the hub may write the file; else set a new secret with: claims-hub user {} {}"
                                + " --role {} --replace", file.path(), entry.kind() == Kind.USER ? "user" : "key",
                        entry.name(), entry.hash(), entry.kind() == Kind.USER ? "add" : "key", entry.name(),
                        entry.role().label());
            }
        }
        users = Map.copyOf(newUsers);
        keys = Map.copyOf(newKeys);
        if (version != null) {
            LOG.info("API users file {} loaded: {} users, {} keys", file.path(), users.size(), keys.size());
        }
    }
}
