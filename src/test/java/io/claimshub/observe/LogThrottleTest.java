package io.claimshub.observe;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class LogThrottleTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void one_line_per_key_and_interval_then_the_next_says_how_many_were_held_back() {
        assertThat(throttle.admit("a")).isEqualTo(OptionalLong.of(0));
        assertThat(throttle.admit("a")).isEmpty();
        assertThat(throttle.admit("a")).isEmpty();
        assertThat(throttle.admit("b")).as("another key").isEqualTo(OptionalLong.of(0));
        now = now.plusSeconds(10);
        assertThat(throttle.admit("a")).isEqualTo(OptionalLong.of(2));
        assertThat(LogThrottle.heldBackSuffix(2)).isEqualTo(" (2 more like it held back)");
        assertThat(LogThrottle.heldBackSuffix(0)).isEmpty();
    }
}
