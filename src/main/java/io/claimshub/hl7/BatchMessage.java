package io.claimshub.hl7;

/**
 * One message cut from an HL7 file, with its place in the file for error reports.
 *
 * @param ordinal 1-based position of the message in the file
 * @param er7     the message's segments joined by {@code \r}; PHI, hence kept out of {@link #toString()}.
 *                Only the start of its first segment when the message is {@link #tooLarge()}.
 * @param length  the message's length in characters, also when only its start was kept
 */
public record BatchMessage(int ordinal, String er7, long length) {

    public BatchMessage(int ordinal, String er7) {
        this(ordinal, er7, er7.length());
    }

    /** Longer than the reader's limit: {@link #er7()} holds its start only, enough to name it (MSH-10). */
    public boolean tooLarge() {
        return length > er7.length();
    }

    /** "message #3" */
    public String label() {
        return "message #" + ordinal;
    }

    /** "message #3 (MSH-10 ABC123)", or just the ordinal when the control id is unknown. */
    public String label(MessageHeader header) {
        return header == null || header.controlId() == null ? label() : label() + " (MSH-10 " + header.controlId() + ")";
    }

    @Override
    public String toString() {
        return label() + " (" + length + " characters)";
    }
}
