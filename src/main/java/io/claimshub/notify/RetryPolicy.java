package io.claimshub.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits about {@code initial * 2^(n-1)}, at most
 * {@code max}, each wait shortened by up to a fifth at random so that many notices do not retry in step.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    public Duration delayAfter(int attempts) {
        long base = initial.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long capped = Math.min(base <= 0 ? max.toMillis() : base, max.toMillis());
        long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(capped - jitter);
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
