package io.claimshub.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the config files: a number and a unit, {@code 500ms}, {@code 1s},
 * {@code 15m}, {@code 1h}, or units combined from largest to smallest, {@code 2h30m}.
 */
public final class Durations {

    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message that says how to write a duration */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = FORMAT.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a duration; write a number and a unit"
                    + " (h, m, s or ms), like 500ms, 30s, 15m, 1h or 2h30m");
        }
        return Duration.ofHours(part(m, 1))
                .plusMinutes(part(m, 2))
                .plusSeconds(part(m, 3))
                .plusMillis(part(m, 4));
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
