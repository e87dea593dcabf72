package io.claimshub.observe;

import io.claimshub.delivery.DeliveryEvents;

import java.time.Instant;

/** Feeds delivery outcomes into the per-payer delivery health and the delivery metrics. */
public final class DeliveryObserver implements DeliveryEvents {

    private final DeliveryHealth health;
    private final ClaimMetrics metrics;

    public DeliveryObserver(DeliveryHealth health, ClaimMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void delivered(String payerId, int claims, Instant at) {
        health.success(payerId, at);
        metrics.delivered(payerId, claims);
    }

    @Override
    public void failed(String payerId, String error, Instant at) {
        health.failure(payerId, at, error);
        metrics.deliveryFailed(payerId);
    }
}
