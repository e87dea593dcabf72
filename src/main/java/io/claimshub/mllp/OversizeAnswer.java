package io.claimshub.mllp;

/** What to answer a sender whose MLLP frame is larger than the listener buffers. */
@FunctionalInterface
public interface OversizeAnswer {

    /**
     * @param head       the frame's first bytes (ISO-8859-1), enough to read its MSH segment
     * @param frameBytes the frame's length in bytes
     * @return the acknowledgement to send, in ER7
     */
    String refuse(String head, long frameBytes);
}
