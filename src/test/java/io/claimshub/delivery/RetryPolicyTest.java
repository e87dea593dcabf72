package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(
            new PayerConfig.Retry(8, Duration.ofSeconds(30), Duration.ofMinutes(30)), new Random(1));

    @Test
    void waits_grow_twofold_with_jitter_between_half_and_all_of_the_step() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long step = 30_000L << (attempt - 1);
            for (int i = 0; i < 50; i++) {
                assertThat(policy.delayAfter(attempt).toMillis()).isBetween(step / 2, step);
            }
        }
    }

    @Test
    void waits_never_exceed_the_maximum_even_after_many_attempts() {
        assertThat(policy.delayAfter(7).toMillis()).isBetween(900_000L, 1_800_000L);
        assertThat(policy.delayAfter(500).toMillis()).isBetween(900_000L, 1_800_000L);
    }

    @Test
    void the_last_allowed_attempt_exhausts_the_policy() {
        assertThat(policy.exhausted(7)).isFalse();
        assertThat(policy.exhausted(8)).isTrue();
    }
}
