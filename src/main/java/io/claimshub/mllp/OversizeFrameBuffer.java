package io.claimshub.mllp;

import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpProtocolConstants;
import org.apache.camel.component.mllp.MllpSocketException;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * camel-mllp's frame buffer, made to answer a frame larger than its limit instead of dropping it.
 *
 * <p>camel-mllp 4.17 stops reading such a frame with an {@code IllegalStateException}: on the first
 * frame of a connection the socket is then left open with nobody reading it (the EHR waits for an ACK
 * until it times out), later on it is reset. Here the rest of the frame is read and thrown away in
 * small chunks (memory stays bounded), the sender gets the answer {@link OversizeAnswer} makes from
 * the frame's first bytes (an {@code AR} naming its MSH-10), and reading goes on with the next frame on
 * the same connection (bytes of it that came with the end of the refused one are kept).
 */
final class OversizeFrameBuffer extends MllpSocketBuffer {

    /** Enough of the frame to hold its MSH segment. */
    private static final int HEAD_BYTES = 4096;

    private final OversizeAnswer answer;

    OversizeFrameBuffer(MllpEndpoint endpoint, OversizeAnswer answer) {
        super(endpoint);
        this.answer = answer;
    }

    @Override
    public synchronized void readFrom(Socket socket, int receiveTimeout, int readTimeout)
            throws MllpSocketException, SocketTimeoutException {
        // Returns only with a frame or an exception: camel-mllp drops a connection (or, on its first
        // read, forgets it) when a read returns with nothing.
        while (true) {
            try {
                if (!hasCompleteEnvelope()) {
                    super.readFrom(socket, receiveTimeout, readTimeout);
                }
                return;
            } catch (IllegalStateException overLimit) {
                // Thrown by the buffer only when the frame outgrew maxBufferSize.
                refuseAndSkip(socket, readTimeout);
            }
        }
    }

    private void refuseAndSkip(Socket socket, int readTimeout) throws MllpSocketException {
        byte[] received = toByteArray();
        int start = Math.max(getStartOfBlockIndex() + 1, 0);
        String head = new String(received, start, Math.min(HEAD_BYTES, received.length - start), StandardCharsets.ISO_8859_1);
        long frameBytes = received.length - start;
        Skipped skipped;
        try {
            socket.setSoTimeout(readTimeout);
            skipped = skipToEndOfFrame(socket.getInputStream());
        } catch (IOException e) {
            reset();
            throw new MllpSocketException("an MLLP frame over the size limit (" + frameBytes
                    + " bytes so far) ended before its end-of-block byte: " + e.getClass().getSimpleName(), e);
        }
        // camel-mllp's own framing writes the answer; the buffer then holds what came after the frame.
        setEnvelopedMessage(answer.refuse(head, frameBytes + skipped.frameBytes()).getBytes(StandardCharsets.ISO_8859_1));
        writeTo(socket);
        reset();
        if (skipped.next().length > 0) {
            write(skipped.next());
        }
    }

    /** Reads up to and including the frame's end-of-block (and end-of-data) byte; keeps what follows. */
    private static Skipped skipToEndOfFrame(InputStream in) throws IOException {
        byte[] chunk = new byte[65_536];
        long skipped = 0;
        while (true) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed inside the frame");
            }
            for (int i = 0; i < n; i++) {
                if (chunk[i] == MllpProtocolConstants.END_OF_BLOCK) {
                    int next = i + 1;
                    if (next < n && chunk[next] == MllpProtocolConstants.END_OF_DATA) {
                        next++;
                    }
                    return new Skipped(skipped + i, Arrays.copyOfRange(chunk, next, n));
                }
            }
            skipped += n;
        }
    }

    private record Skipped(long frameBytes, byte[] next) {
    }
}
