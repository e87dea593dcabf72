package io.claimshub.claim;

/**
 * Why a claim (or a message) was rejected, in words a billing clerk can act on.
 *
 * @param where   the place to fix: "FT1 #2", "IN1 #1", "PID", "claim", "file"
 * @param code    a stable machine-readable code, e.g. {@code NPI_CHECK_DIGIT}
 * @param message what is wrong, without patient data: "rendering provider NPI 1234567890 fails the check digit"
 */
public record Reason(String where, String code, String message) {

    /** "FT1 #2: rendering provider NPI 1234567890 fails the check digit" */
    public String text() {
        return where + ": " + message;
    }
}
