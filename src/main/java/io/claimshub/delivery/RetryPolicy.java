package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The hub's one retry policy, for batch files to payers and notices to clinics: initialDelay doubled
 * after each failed attempt, capped at maxDelay, then "equal jitter" (a random point between half and
 * all of it) so receivers recovering from an outage are not hit by everything at once.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final RandomGenerator random;

    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, RandomGenerator random) {
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.random = random;
    }

    /** A payer's payers.yaml {@code retry}. */
    public RetryPolicy(PayerConfig.Retry retry, RandomGenerator random) {
        this(retry.maxAttempts(), retry.initialDelay(), retry.maxDelay(), random);
    }

    /** True when the attempt with this number (1 = first) was the last one allowed. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The wait after failed attempt number {@code attempt} (1 = first). */
    public Duration delayAfter(int attempt) {
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long capped = initial > max >> doublings ? max : Math.min(max, initial << doublings);
        long half = capped / 2;
        return Duration.ofMillis(half + (capped - half == 0 ? 0 : random.nextLong(capped - half + 1)));
    }
}
