package io.claimshub.clinicreturn;

/** A clinic's system did not take a notice; {@code retryable} says whether trying again can help. */
public final class NoticeFailure extends Exception {

    private final boolean retryable;

    public NoticeFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
