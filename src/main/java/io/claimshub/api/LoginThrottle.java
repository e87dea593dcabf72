package io.claimshub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per user name and per client address over a sliding window: once either has
 * its maximum of failures within the window, further attempts are refused without checking the secret
 * until the oldest failure leaves the window. A successful login clears its user's failures (not its
 * address's: one good account must not reset the count for guesses at others).
 */
public final class LoginThrottle {

    /** Bounds memory when many addresses fail: past this many tracked names, expired ones are dropped. */
    private static final int TRACKED_LIMIT = 10_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byUser = new HashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        if (maxPerUser < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("login throttling needs maxima of 1 or more and a window above zero");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again; empty when it may try now. A null user or address is not counted. */
    public synchronized Optional<Duration> blocked(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        wait = longer(wait, waitFor(byUser, user, maxPerUser, now));
        wait = longer(wait, waitFor(byAddress, address, maxPerAddress, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Records a failure; true when it is the one that starts a lock-out (for one log line and audit row per lock-out). */
    public synchronized boolean failed(String user, String address) {
        Instant now = clock.instant();
        boolean locks = add(byUser, user, maxPerUser, now) | add(byAddress, address, maxPerAddress, now);
        if (byUser.size() + byAddress.size() > TRACKED_LIMIT) {
            byUser.values().removeIf(failures -> prune(failures, now).isEmpty());
            byAddress.values().removeIf(failures -> prune(failures, now).isEmpty());
        }
        return locks;
    }

    public synchronized void succeeded(String user) {
        if (user != null) {
            byUser.remove(user);
        }
    }

    private boolean add(Map<String, Deque<Instant>> counts, String name, int max, Instant now) {
        if (name == null) {
            return false;
        }
        Deque<Instant> failures = prune(counts.computeIfAbsent(name, k -> new ArrayDeque<>()), now);
        failures.addLast(now);
        return failures.size() == max;
    }

    private Duration waitFor(Map<String, Deque<Instant>> counts, String name, int max, Instant now) {
        Deque<Instant> failures = name == null ? null : counts.get(name);
        if (failures == null || prune(failures, now).size() < max) {
            return Duration.ZERO;
        }
        // The attempt becomes possible again when enough of the oldest failures have left the window.
        Instant freed = failures.stream().skip(failures.size() - max).findFirst().orElseThrow().plus(window);
        return Duration.between(now, freed);
    }

    private Deque<Instant> prune(Deque<Instant> failures, Instant now) {
        Instant cutoff = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
            failures.removeFirst();
        }
        return failures;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
