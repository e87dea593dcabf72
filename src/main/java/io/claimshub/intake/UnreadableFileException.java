package io.claimshub.intake;

/**
 * A clinic file that cannot be read at all (empty, neither HL7 nor JSON, broken JSON). The file is set
 * aside in {@code inbox/.error/} with this message in a {@code .reason.txt} beside it. The message never
 * carries patient data, so it is safe to log.
 */
public final class UnreadableFileException extends Exception {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
