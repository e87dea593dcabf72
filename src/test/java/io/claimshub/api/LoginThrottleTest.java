package io.claimshub.api;

import io.claimshub.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(10), clock);

    @Test
    void a_user_name_is_locked_after_its_maximum_of_failures_until_the_oldest_leaves_the_window() {
        assertThat(throttle.failed("user alice", "10.0.0.1")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.failed("user alice", "10.0.0.2")).isFalse();
        assertThat(throttle.blocked("user alice", "10.0.0.3")).isEmpty();
        assertThat(throttle.failed("user alice", "10.0.0.3")).as("the third starts the lock-out").isTrue();

        assertThat(throttle.blocked("user alice", "10.0.0.9")).contains(Duration.ofMinutes(9));
        assertThat(throttle.blocked("user bob", "10.0.0.9")).as("other users are not affected").isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.blocked("user alice", "10.0.0.9")).isEmpty();
    }

    @Test
    void an_address_is_locked_after_its_maximum_whatever_names_it_tried_and_a_success_does_not_reset_it() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("user guess" + i, "192.0.2.7")).isFalse();
        }
        throttle.succeeded("user mallory");
        assertThat(throttle.failed(null, "192.0.2.7")).as("an unnamed API key counts per address").isTrue();

        assertThat(throttle.blocked("user anyone", "192.0.2.7")).contains(Duration.ofMinutes(10));
        assertThat(throttle.blocked("user anyone", "192.0.2.8")).isEmpty();
    }

    @Test
    void a_successful_login_clears_its_users_failures() {
        throttle.failed("user carol", "10.0.0.1");
        throttle.failed("user carol", "10.0.0.1");
        throttle.succeeded("user carol");
        throttle.failed("user carol", "10.0.0.1");
        throttle.failed("user carol", "10.0.0.1");

        assertThat(throttle.blocked("user carol", null)).isEmpty();
    }
}
