package io.claimshub.observe;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How delivery to each payer is going, for /observe/health: the last success, the last failure and the
 * consecutive failures per payer. A payer with {@code downAfter} or more consecutive failures shows
 * {@code <payer>.state=DOWN} in the details.
 *
 * <p>The check itself always reports UP: one payer's SFTP server being down must not take the whole hub
 * out of service (a not-ready hub would stop taking claims from every clinic, for every payer). It is a
 * readiness check only so that its details show on /observe/health and /observe/health/ready; alert on
 * the {@code .state} detail or on {@code batches_delivery_failed_total}.
 *
 * <p>Batch files that could not be written show as {@code <payer>.unwrittenBatches} with the
 * {@code <payer>.batchWriteError}; the writer tries them again on every tick.
 *
 * <p>Delivery code calls {@link #success} and {@link #failure}; the error text must be a class name or a
 * transport message (host, status), never message content.
 */
public final class DeliveryHealth extends AbstractHealthCheck {

    private final int downAfter;
    private final Map<String, PayerState> payers = new ConcurrentHashMap<>();
    /** Batch files per payer that could not be written (and the last error), as the batch writer reports them. */
    private final Map<String, Map.Entry<Integer, String>> unwritten = new ConcurrentHashMap<>();

    /** @param downAfter consecutive failures after which a payer shows DOWN in the details */
    public DeliveryHealth(int downAfter) {
        super("claimshub", "delivery");
        if (downAfter < 1) {
            throw new IllegalArgumentException("downAfter must be at least 1, was " + downAfter);
        }
        this.downAfter = downAfter;
    }

    /** What the details say about one payer. */
    public record PayerState(Instant lastSuccess, Instant lastFailure, String lastError, int consecutiveFailures) {
    }

    public void success(String payer, Instant at) {
        payers.compute(payer, (id, old) -> new PayerState(at, old == null ? null : old.lastFailure(),
                old == null ? null : old.lastError(), 0));
    }

    public void failure(String payer, String error) {
        failure(payer, Instant.now(), error);
    }

    public void failure(String payer, Instant at, String error) {
        payers.compute(payer, (id, old) -> new PayerState(old == null ? null : old.lastSuccess(), at, error,
                old == null ? 1 : old.consecutiveFailures() + 1));
    }

    /** {@code batches} files of the payer could not be written ({@code error}: paths and kinds, no claim data); 0 = all written. */
    public void unwritten(String payer, int batches, String error) {
        unwritten.put(payer, Map.entry(batches, error == null ? "" : error));
    }

    public PayerState state(String payer) {
        return payers.get(payer);
    }

    public boolean isDown(String payer) {
        PayerState state = payers.get(payer);
        return state != null && state.consecutiveFailures() >= downAfter;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, PayerState> sorted = new TreeMap<>(payers);
        sorted.forEach((payer, state) -> {
            builder.detail(payer + ".state", isDown(payer) ? "DOWN" : "UP");
            builder.detail(payer + ".consecutiveFailures", state.consecutiveFailures());
            builder.detail(payer + ".lastSuccess", state.lastSuccess() == null ? "never" : state.lastSuccess().toString());
            if (state.lastFailure() != null) {
                builder.detail(payer + ".lastFailure", state.lastFailure().toString());
                builder.detail(payer + ".lastError", state.lastError() == null ? "" : state.lastError());
            }
        });
        new TreeMap<>(unwritten).forEach((payer, files) -> {
            builder.detail(payer + ".unwrittenBatches", files.getKey());
            if (files.getKey() > 0) {
                builder.detail(payer + ".batchWriteError", files.getValue());
            }
        });
        builder.detail("payersDown", sorted.keySet().stream().filter(this::isDown).toList().toString());
        builder.up();
    }
}
