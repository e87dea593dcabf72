package io.claimshub;

import io.claimshub.cli.CommandException;
import io.claimshub.mllp.BoundedMllpComponent;
import io.claimshub.observe.ListenerHealthCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.PropertiesComponent;
import io.vertx.core.net.impl.TCPServerBase;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP ports the configuration has the hub listen on. Each is tried before anything starts, so a
 * busy port ends the start at once with one line naming the key to change: left to themselves,
 * camel-mllp retries for 30 s and then fails with a stack trace, and Vert.x logs a BindException and
 * lets the hub run without its API and dashboard. Once started, readiness watches the HTTP and MLLP
 * listeners (the management port is the one answering the probe).
 */
final class HubListeners {

    private record Listener(String id, String what, String hostKey, String portKey, String host, int port) {
    }

    private final List<Listener> listeners;

    private HubListeners(List<Listener> listeners) {
        this.listeners = listeners;
    }

    static HubListeners configured(PropertiesComponent properties) {
        List<Listener> listeners = new ArrayList<>();
        if (flag(properties, "camel.server.enabled")) {
            listeners.add(new Listener("http", "the HTTP API and dashboard", "claimshub.http.host", "claimshub.http.port",
                    value(properties, "camel.server.host"), port(properties, "camel.server.port")));
        }
        listeners.add(new Listener("mllp", "the MLLP listener", "claimshub.mllp.host", "claimshub.mllp.port",
                value(properties, "claimshub.mllp.host"), port(properties, "claimshub.mllp.port")));
        if (flag(properties, "camel.management.enabled")) {
            listeners.add(new Listener("management", "health and metrics", "camel.management.host", "camel.management.port",
                    value(properties, "camel.management.host"), port(properties, "camel.management.port")));
        }
        return new HubListeners(listeners.stream().filter(listener -> listener.port() > 0).toList());
    }

    /** @throws CommandException naming the first port that is shared, taken or cannot be opened */
    void requireFreePorts() {
        for (int i = 0; i < listeners.size(); i++) {
            for (Listener other : listeners.subList(0, i)) {
                if (other.port() == listeners.get(i).port()) {
                    throw new CommandException(RunCommand.BAD_CONFIG, other.portKey() + " and " + listeners.get(i).portKey()
                            + " are both " + other.port() + ": give each its own port");
                }
            }
        }
        for (Listener listener : listeners) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(listener.host(), listener.port()));
            } catch (IOException e) {
                String reason = String.valueOf(e.getMessage());
                throw new CommandException(RunCommand.UNAVAILABLE, List.of(reason.contains("in use")
                        ? "port " + listener.port() + " is in use: set " + listener.portKey() + " or stop the other program"
                        : "cannot listen on " + listener.host() + ":" + listener.port() + " (" + reason + "): check "
                        + listener.hostKey() + " and " + listener.portKey()), e);
            }
        }
    }

    /** Readiness of the HTTP and MLLP listeners, by the hub's own sockets (not by whoever answers). */
    ListenerHealthCheck readiness(CamelContext context, BoundedMllpComponent mllp) {
        List<ListenerHealthCheck.Listener> watched = new ArrayList<>();
        for (Listener listener : listeners) {
            switch (listener.id()) {
                case "http" -> watched.add(new ListenerHealthCheck.Listener(listener.id(), listener.what(), listener.port(),
                        () -> httpListening(context, listener.port())));
                case "mllp" -> watched.add(new ListenerHealthCheck.Listener(listener.id(), listener.what(), listener.port(),
                        () -> mllp.listening(listener.port())));
                default -> {
                    // the management server answers the readiness probe: if it is down, nobody asks
                }
            }
        }
        return new ListenerHealthCheck(watched);
    }

    /**
     * The Vert.x server camel.server.* started. Its public API cannot tell: after a failed bind it still
     * answers the configured port as actualPort(), and Camel counts the server as started. Vert.x's own
     * server class knows whether it listens.
     */
    private static boolean httpListening(CamelContext context, int port) {
        return context.hasServices(VertxPlatformHttpServer.class).stream()
                .anyMatch(server -> server.getConfigurationPort() == port && server.isStarted()
                        && server.getServer() instanceof TCPServerBase tcp && tcp.isListening());
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        return Boolean.parseBoolean(value(properties, key));
    }

    private static int port(PropertiesComponent properties, String key) {
        String value = value(properties, key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandException(RunCommand.BAD_CONFIG, key + " = " + value + " is not a port number");
        }
    }

    /** Every key has its default in the shipped application.properties, which the hub always reads. */
    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(() -> new IllegalStateException(key
                + " has no value: the shipped application.properties was not read"));
    }
}
