package io.claimshub.x12.replies;

/**
 * A reply file that cannot be read: not X12, or broken. The message says where (segment number and
 * tag, element position) so an operator can open the file at that place.
 */
public final class X12ReplyException extends Exception {

    public X12ReplyException(String message) {
        super(message);
    }

    public X12ReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
