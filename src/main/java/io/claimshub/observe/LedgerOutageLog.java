package io.claimshub.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * One log line per flow (route), without a stack trace, every 30 s while the ledger cannot be reached,
 * with how many failures it stands for. Without it every timer tick and every MLLP message logged a stack trace of
 * its own (megabytes a minute during an outage). Readiness shows the outage meanwhile.
 */
public final class LedgerOutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerOutageLog.class);

    private final LogThrottle throttle;

    public LedgerOutageLog(Clock clock) {
        this.throttle = new LogThrottle(Duration.ofSeconds(30), clock);
    }

    /** @param error a LedgerException: its message holds the SQL state and error class only, never claim data */
    public void report(String routeId, Exception error) {
        throttle.admit(String.valueOf(routeId)).ifPresent(heldBack -> LOG.error("the ledger cannot be reached (route {}: {}): no"
                + " acknowledgements are sent and batches and deliveries wait; retrying{}", routeId,
                error == null ? "unknown error" : error.getMessage(), LogThrottle.heldBackSuffix(heldBack)));
    }
}
