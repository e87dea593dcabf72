package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts: initialDelay doubled after each failed attempt, capped at maxDelay, then
 * "equal jitter" (a random point between half and all of it) so payers recovering from an outage are
 * not hit by every hub at once.
 */
final class RetryPolicy {

    private final PayerConfig.Retry retry;
    private final RandomGenerator random;

    RetryPolicy(PayerConfig.Retry retry, RandomGenerator random) {
        this.retry = retry;
        this.random = random;
    }

    /** True when the attempt with this number (1 = first) was the last one allowed. */
    boolean exhausted(int attempt) {
        return attempt >= retry.maxAttempts();
    }

    /** The wait after failed attempt number {@code attempt} (1 = first). */
    Duration delayAfter(int attempt) {
        long initial = retry.initialDelay().toMillis();
        long max = retry.maxDelay().toMillis();
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long capped = initial > max >> doublings ? max : Math.min(max, initial << doublings);
        long half = capped / 2;
        return Duration.ofMillis(half + (capped - half == 0 ? 0 : random.nextLong(capped - half + 1)));
    }
}
