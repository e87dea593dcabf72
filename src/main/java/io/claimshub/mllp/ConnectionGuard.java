package io.claimshub.mllp;

import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which new MLLP connections are taken, so that senders holding connections without sending
 * cannot lock the others out: at most {@code maxConnections} in all, at most {@code maxPerAddress} from
 * one address, and the last {@code reserved} free ones only for an address that holds none. Every
 * refused or cut connection gets a log line (one per address and reason every 10 s, with a count of the
 * ones held back) and counts in {@code mllp_connections_refused_total} / {@code mllp_connections_cut_total}.
 */
public final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final ConnectionLimits limits;
    private final ClaimMetrics metrics;
    private final LogThrottle logThrottle = new LogThrottle(Duration.ofSeconds(10), Clock.systemUTC());
    private final Map<Socket, InetAddress> open = new HashMap<>();

    public ConnectionGuard(ConnectionLimits limits, ClaimMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /** Takes the connection (it holds a place until {@link #release}), or says why not. */
    synchronized Optional<ConnectionDrop> admit(Socket connection, InetAddress from) {
        // a connection closed on a path that never released it must not hold its place for good
        open.keySet().removeIf(Socket::isClosed);
        int total = open.size();
        long fromSame = open.values().stream().filter(from::equals).count();
        if (total >= limits.maxConnections()) {
            return Optional.of(ConnectionDrop.CONNECTION_LIMIT);
        }
        if (fromSame >= limits.maxPerAddress()) {
            return Optional.of(ConnectionDrop.ADDRESS_LIMIT);
        }
        if (fromSame > 0 && total >= limits.maxConnections() - limits.reserved()) {
            return Optional.of(ConnectionDrop.RESERVED_FOR_OTHERS);
        }
        open.put(connection, from);
        return Optional.empty();
    }

    synchronized void release(Socket connection) {
        open.remove(connection);
    }

    synchronized int openConnections() {
        return open.size();
    }

    /** Logs and counts a connection refused or cut. An address is not patient data. */
    void dropped(InetAddress from, ConnectionDrop drop) {
        if (drop.refused) {
            metrics.mllpConnectionRefused(drop.label);
        } else {
            metrics.mllpConnectionCut(drop.label);
        }
        String address = from == null ? "an unknown address" : from.getHostAddress();
        logThrottle.admit(drop.label + " " + address).ifPresent(heldBack ->
                LOG.warn("MLLP connection from {} {}: {}{}", address, drop.refused ? "refused" : "cut",
                        drop.reason(limits), LogThrottle.heldBackSuffix(heldBack)));
    }
}
