package io.claimshub.observe;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Readiness: every listener the configuration turns on (the HTTP API and dashboard, the MLLP feed) is
 * listening. A hub whose dashboard could not take its port must not be reported ready, even though
 * its routes started: it would be sent work it cannot show or take.
 */
public final class ListenerHealthCheck extends AbstractHealthCheck {

    /**
     * @param id        short name in the check's details, e.g. {@code http}
     * @param what      what listens, in words, e.g. {@code the HTTP API and dashboard}
     * @param listening true while the hub's own socket on {@code port} is open
     */
    public record Listener(String id, String what, int port, BooleanSupplier listening) {
    }

    private final List<Listener> listeners;

    public ListenerHealthCheck(List<Listener> listeners) {
        super("claimshub", "listeners");
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> down = new ArrayList<>();
        for (Listener listener : listeners) {
            boolean up = listener.listening().getAsBoolean();
            builder.detail(listener.id() + ".port", listener.port());
            builder.detail(listener.id() + ".state", up ? "UP" : "DOWN");
            if (!up) {
                down.add(listener.what() + " on port " + listener.port());
            }
        }
        if (down.isEmpty()) {
            builder.up();
        } else {
            builder.message("not listening: " + String.join(", ", down));
            builder.down();
        }
    }
}
