package io.claimshub.pickup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, in one WARN line, that a fetched reply could not be stored; the route leaves the exchange
 * failed so the remote file stays for the next poll. Bound as {@code replyPickupFailures}. No Camel here.
 */
public final class PickupFailures {

    private static final Logger LOG = LoggerFactory.getLogger(PickupFailures.class);

    private final PickupCounters counters;

    public PickupFailures(PickupCounters counters) {
        this.counters = counters;
    }

    public void notStored(String payerId, String remoteName, Exception failure) {
        counters.of(payerId).countFailedFile();
        LOG.warn("reply pickup {}: {} was not stored: {}; it stays on the server and is fetched again at the next poll",
                payerId, RemoteFileNames.render(remoteName), failure == null ? "unknown failure"
                        : RemoteFileNames.escape(failure.getClass().getSimpleName() + ": " + failure.getMessage(), 300));
    }
}
