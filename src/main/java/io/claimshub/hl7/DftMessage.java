package io.claimshub.hl7;

/**
 * A DFT^P03 as {@link Hl7Parser#read} returns it: its MSH and its segments in message order, read by the
 * lean reader or, when that one does not take the message, by HAPI. {@link DftMapper} and
 * {@link ChargeEntries} make the same of either.
 */
public final class DftMessage {

    private final MessageHeader header;
    private final MessageSegments segments;
    private final boolean readLean;

    DftMessage(MessageHeader header, MessageSegments segments, boolean readLean) {
        this.header = header;
        this.segments = segments;
        this.readLean = readLean;
    }

    public MessageHeader header() {
        return header;
    }

    MessageSegments segments() {
        return segments;
    }

    /** True when the lean reader read it, false when HAPI did (the differential test counts both). */
    boolean readLean() {
        return readLean;
    }
}
