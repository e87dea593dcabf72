package io.claimshub.pickup;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sftp consumer's {@code pollStrategy} and {@code exceptionHandler}: when a poll cannot connect, log in or list, says why in
 * one WARN line an operator can act on (an unknown or changed host key, a refused login) instead of
 * camel-ftp's "Cannot connect/login" with the reason at DEBUG. The same reason is logged once until a
 * poll succeeds again; every failure is counted. Nothing is picked up by a failed poll. As the
 * exception handler it keeps Camel from logging the same failure again with the endpoint URI and a
 * stack trace at every poll; other failures (a remote delete that failed, say) are logged at WARN.
 */
public final class PickupPollStrategy implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PickupPollStrategy.class);

    private final String payerId;
    private final SftpLogin login;
    private final PickupCounters counters;
    private volatile String lastReason;
    private volatile Throwable lastFailure;

    public PickupPollStrategy(String payerId, SftpLogin login, PickupCounters counters) {
        this.payerId = payerId;
        this.login = login;
        this.counters = counters;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (lastReason != null) {
            LOG.info("reply pickup {}: {}@{}:{} reachable again", payerId, login.username(), login.host(), login.port());
            lastReason = null;
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        counters.of(payerId).countFailedPoll();
        lastFailure = cause;
        String reason = PollFailures.explain(cause, login);
        if (!reason.equals(lastReason)) {
            LOG.warn("reply pickup {}: nothing picked up from {}@{}:{}: {}", payerId, login.username(), login.host(),
                    login.port(), reason);
            lastReason = reason;
        } else {
            LOG.debug("reply pickup {}: poll failed again: {}", payerId, reason);
        }
        return false;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception != null && exception == lastFailure) {
            LOG.debug("reply pickup {}: {}", payerId, message, exception);
            return;
        }
        LOG.warn("reply pickup {}: {}: {}", payerId, message == null ? "failure" : RemoteFileNames.escape(message, 300),
                exception == null ? "" : RemoteFileNames.escape(exception.toString(), 300));
        LOG.debug("reply pickup {}: details", payerId, exception);
    }
}
