package io.claimshub.api;

import io.claimshub.api.ApiUsers.Credentials;
import io.claimshub.ledger.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Who may come in: checks a request's credentials ({@link ApiUsers}) behind the failed-login throttle
 * ({@link LoginThrottle}). A failed login is logged and audited with the name tried and the client
 * address, never the secret; while a user name or address is locked out, attempts are refused without
 * checking the secret (so guessing costs the hub no hashing). An outdated hash is replaced after a
 * successful login.
 */
public final class ApiLogin {

    private static final Logger LOG = LoggerFactory.getLogger(ApiLogin.class);
    private static final String NO_ROLE = "-";

    private final ApiUsers users;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    /** The answer to a login: the user, or no (401), or not now (429 with how long to wait). */
    public sealed interface Outcome {
    }

    public record LoggedIn(ApiUser user) implements Outcome {
    }

    public record Refused() implements Outcome {
    }

    public record Throttled(Duration retryAfter) implements Outcome {
    }

    public ApiLogin(ApiUsers users, LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** @param address the client's IP address (from the connection, not from any header) */
    public Outcome login(String authorization, String apiKey, String address) {
        Optional<Credentials> presented = Credentials.from(authorization, apiKey);
        if (presented.isEmpty()) {
            return new Refused();
        }
        Credentials credentials = presented.get();
        String who = who(credentials);
        Optional<Duration> wait = throttle.blocked(who, address);
        if (wait.isPresent()) {
            LOG.debug("API login throttled {} address={}", who, address);
            return new Throttled(wait.get());
        }
        Optional<ApiUsers.Verified> verified = users.verify(credentials);
        if (verified.isEmpty()) {
            boolean locks = throttle.failed(who, address);
            String name = auditName(credentials);
            LOG.warn("API login failed {} address={}", describe(credentials), address);
            audit.record(name, NO_ROLE, "login", null, "from " + address, "failed");
            if (locks) {
                Duration lock = throttle.blocked(who, address).orElse(Duration.ZERO);
                LOG.warn("API logins throttled for {} seconds: too many failures {} address={}", lock.toSeconds(),
                        describe(credentials), address);
                audit.record(name, NO_ROLE, "login", null, "from " + address, "throttled");
            }
            return new Refused();
        }
        throttle.succeeded(who);
        if (verified.get().outdated()) {
            rehash(verified.get(), credentials.secret());
        }
        return new LoggedIn(verified.get().user());
    }

    private void rehash(ApiUsers.Verified login, String secret) {
        String kind = login.kind() == UsersFile.Kind.USER ? "user" : "key";
        try {
            if (users.rehash(login, secret)) {
                LOG.info("API {} {}: outdated hash replaced with a PBKDF2 one", kind, login.user().name());
            } else {
                LOG.warn("API {} {} has an outdated hash and the users file is read-only to the hub: set a new secret"
                        + " with: claims-hub user {} {} --role {} --replace", kind, login.user().name(),
                        kind.equals("user") ? "add" : "key", login.user().name(), login.user().role().label());
            }
        } catch (IOException e) {
            LOG.warn("API {} {}: could not write the new hash to the users file: {}", kind, login.user().name(),
                    e.getClass().getSimpleName());
        }
    }

    /** The throttle's name for the credentials: a user's name, a named key, or null (counted per address only). */
    private static String who(Credentials credentials) {
        if (credentials.name() == null) {
            return null;
        }
        return (credentials.kind() == UsersFile.Kind.USER ? "user " : "key ") + credentials.name();
    }

    private static String auditName(Credentials credentials) {
        if (credentials.kind() == UsersFile.Kind.USER) {
            return credentials.name();
        }
        return credentials.name() == null ? "(api key)" : "key " + credentials.name();
    }

    private static String describe(Credentials credentials) {
        return credentials.kind() == UsersFile.Kind.USER ? "user=" + credentials.name()
                : "key=" + (credentials.name() == null ? "(unnamed)" : credentials.name());
    }
}
