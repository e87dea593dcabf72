package io.claimshub.observe;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryHealthTest {

    private static final Instant NINE = Instant.parse("2026-11-01T09:00:00Z");

    private final DeliveryHealth health = new DeliveryHealth(3);

    @Test
    void a_payer_is_down_in_the_details_after_the_configured_failures_in_a_row() {
        health.success("acme", NINE);
        health.failure("acme", "ConnectException: Connection refused");
        health.failure("acme", "ConnectException: Connection refused");
        assertThat(health.isDown("acme")).isFalse();

        health.failure("acme", "SftpException: No such file");

        assertThat(health.isDown("acme")).isTrue();
        HealthCheck.Result result = health.call();
        assertThat(result.getDetails())
                .containsEntry("acme.state", "DOWN")
                .containsEntry("acme.consecutiveFailures", 3)
                .containsEntry("acme.lastSuccess", "2026-11-01T09:00:00Z")
                .containsEntry("acme.lastError", "SftpException: No such file")
                .containsEntry("payersDown", "[acme]");
    }

    @Test
    void the_check_stays_up_while_a_payer_is_down_so_the_hub_keeps_taking_claims() {
        for (int i = 0; i < 10; i++) {
            health.failure("acme", "timeout");
        }
        health.success("medicare", NINE);

        HealthCheck.Result result = health.call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("acme.state", "DOWN").containsEntry("medicare.state", "UP")
                .containsEntry("acme.lastSuccess", "never");
        assertThat(health.isReadiness()).isTrue();
        assertThat(health.isLiveness()).isFalse();
    }

    @Test
    void a_success_clears_the_failure_count_but_keeps_the_last_error_for_the_record() {
        health.failure("acme", NINE, "timeout");
        health.failure("acme", NINE.plusSeconds(60), "timeout");
        health.failure("acme", NINE.plusSeconds(120), "timeout");
        health.success("acme", NINE.plusSeconds(180));

        assertThat(health.isDown("acme")).isFalse();
        assertThat(health.state("acme")).isEqualTo(
                new DeliveryHealth.PayerState(NINE.plusSeconds(180), NINE.plusSeconds(120), "timeout", 0));
        assertThat(health.call().getDetails()).containsEntry("acme.state", "UP")
                .containsEntry("acme.lastFailure", "2026-11-01T09:02:00Z").containsEntry("payersDown", "[]");
    }

    @Test
    void a_payer_never_delivered_to_is_not_listed() {
        assertThat(health.isDown("acme")).isFalse();
        assertThat(health.call().getDetails()).doesNotContainKey("acme.state");
    }

    @Test
    void a_threshold_below_one_is_refused() {
        assertThatThrownBy(() -> new DeliveryHealth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("downAfter");
    }
}
