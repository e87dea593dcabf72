package io.claimshub.delivery;

/**
 * A delivery attempt that did not reach the payer. {@link #getMessage()} is safe to log (host, port,
 * user, status code, file name — no claim content); {@link #detail()} may add what the payer answered,
 * which is recorded in the ledger only.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;
    private final String detail;

    private DeliveryException(String message, String detail, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.detail = detail;
    }

    /** Worth another attempt later: the server is down, slow, or the connection broke. */
    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, null, true, cause);
    }

    public static DeliveryException retryable(String message, String detail) {
        return new DeliveryException(message, detail, true, null);
    }

    /** The payer refused the file (an HTTP 4xx) or it cannot be sent at all: no further attempt. */
    public static DeliveryException rejected(String message, String detail) {
        return new DeliveryException(message, detail, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The message plus what the payer said, for the ledger. */
    public String detail() {
        return detail == null || detail.isBlank() ? getMessage() : getMessage() + "; payer answered: " + detail;
    }
}
