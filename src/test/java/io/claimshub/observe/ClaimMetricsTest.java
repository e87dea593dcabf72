package io.claimshub.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClaimMetrics metrics = new ClaimMetrics(registry);

    @Test
    void intake_outcomes_are_counted_per_clinic() {
        metrics.received("sunrise");
        metrics.received("sunrise");
        metrics.received("harbor");
        metrics.validated("sunrise");
        metrics.rejected("sunrise");
        metrics.duplicate("harbor");

        assertThat(registry.scrape())
                .contains("claims_received_total{clinic=\"sunrise\"} 2.0")
                .contains("claims_received_total{clinic=\"harbor\"} 1.0")
                .contains("claims_validated_total{clinic=\"sunrise\"} 1.0")
                .contains("claims_rejected_total{clinic=\"sunrise\"} 1.0")
                .contains("claims_duplicate_total{clinic=\"harbor\"} 1.0");
    }

    @Test
    void batches_and_deliveries_are_counted_per_payer_and_clinic() {
        metrics.batched("acme", "sunrise", 40);
        metrics.batched("acme", "sunrise", 2);
        metrics.delivered("acme", 42);
        metrics.deliveryFailed("acme");
        metrics.deliveryFailed("acme");

        assertThat(registry.scrape())
                .contains("claims_batched_total{clinic=\"sunrise\",payer=\"acme\"} 42.0")
                .contains("claims_delivered_total{payer=\"acme\"} 42.0")
                .contains("batches_delivered_total{payer=\"acme\"} 1.0")
                .contains("batches_delivery_failed_total{payer=\"acme\"} 2.0");
    }

    @Test
    void payer_replies_are_counted_per_payer_and_clinic() {
        metrics.acknowledged("acme", "sunrise");
        metrics.accepted("acme", "sunrise");
        metrics.accepted("acme", "sunrise");
        metrics.payerRejected("medicare", "sunrise");
        metrics.paid("acme", "sunrise");
        metrics.denied("medicare", "harbor");

        assertThat(registry.scrape())
                .contains("claims_acknowledged_total{clinic=\"sunrise\",payer=\"acme\"} 1.0")
                .contains("claims_accepted_total{clinic=\"sunrise\",payer=\"acme\"} 2.0")
                .contains("claims_payer_rejected_total{clinic=\"sunrise\",payer=\"medicare\"} 1.0")
                .contains("claims_paid_total{clinic=\"sunrise\",payer=\"acme\"} 1.0")
                .contains("claims_denied_total{clinic=\"harbor\",payer=\"medicare\"} 1.0");
    }

    @Test
    void time_from_receipt_to_acknowledgment_is_a_histogram_per_payer() {
        metrics.recordAcknowledged("acme", Duration.ofMinutes(2));
        metrics.recordAcknowledged("acme", Duration.ofMinutes(4));
        metrics.recordAcknowledged("acme", Duration.ofSeconds(-5));

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("claims_acknowledgment_time_seconds_count{payer=\"acme\"} 3")
                .contains("claims_acknowledgment_time_seconds_sum{payer=\"acme\"} 360.0")
                .contains("claims_acknowledgment_time_seconds_bucket{payer=\"acme\",le=\"+Inf\"} 3");
    }

    @Test
    void a_missing_id_is_labelled_unknown_rather_than_breaking_the_count() {
        metrics.received(null);
        metrics.batched("", "sunrise", 1);

        assertThat(registry.scrape())
                .contains("claims_received_total{clinic=\"unknown\"} 1.0")
                .contains("claims_batched_total{clinic=\"sunrise\",payer=\"unknown\"} 1.0");
    }

    @Test
    void the_disabled_metrics_count_without_a_prometheus_registry() {
        ClaimMetrics disabled = ClaimMetrics.disabled();
        disabled.received("sunrise");

        assertThat(disabled.registry().counter("claims.received", "clinic", "sunrise").count()).isEqualTo(1.0);
    }
}
