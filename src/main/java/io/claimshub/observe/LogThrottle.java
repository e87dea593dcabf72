package io.claimshub.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lets one log line per key through each interval, and counts the ones held back, so a fault that
 * repeats many times a second (a flood of connections, a database that is gone) writes a line every few
 * seconds that says how many more there were, not megabytes of the same line.
 */
public final class LogThrottle {

    /** Keys not seen for this many intervals are forgotten, so the map stays small. */
    private static final int FORGET_AFTER_INTERVALS = 10;

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    public LogThrottle(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * @return empty when a line for this key was let through less than an interval ago (this one is
     *         counted instead); otherwise how many were held back since the last line let through
     */
    public synchronized OptionalLong admit(String key) {
        Instant now = clock.instant();
        if (windows.size() > 1000) {
            Instant stale = now.minus(interval.multipliedBy(FORGET_AFTER_INTERVALS));
            windows.values().removeIf(w -> w.opened.isBefore(stale));
        }
        Window window = windows.get(key);
        if (window != null && now.isBefore(window.opened.plus(interval))) {
            window.heldBack++;
            return OptionalLong.empty();
        }
        windows.put(key, new Window(now));
        return OptionalLong.of(window == null ? 0 : window.heldBack);
    }

    /** " (N more like it held back)" for a line that follows held-back ones, "" otherwise. */
    public static String heldBackSuffix(long heldBack) {
        return heldBack == 0 ? "" : " (" + heldBack + " more like it held back)";
    }

    private static final class Window {
        final Instant opened;
        long heldBack;

        Window(Instant opened) {
            this.opened = opened;
        }
    }
}
