package io.claimshub.mllp;

import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpProtocolConstants;
import org.apache.camel.component.mllp.MllpSocketException;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * camel-mllp's frame buffer for one connection, reading the socket itself so that it can keep two
 * deadlines and answer a frame larger than its limit.
 *
 * <p>Deadlines ({@link ConnectionLimits}): a new connection must send its first byte within
 * {@code firstByteTimeoutMillis}, and a frame must arrive whole within {@code frameTimeoutMillis} of its
 * first byte, however steadily it trickles in (camel-mllp's read timeout is restarted by every byte). A
 * connection that misses one is cut: closed, logged and counted by the {@link ConnectionGuard}, which
 * also gets its place back whenever camel-mllp closes the connection.
 *
 * <p>Oversize: camel-mllp 4.17 stops reading a frame over {@code maxBufferSize} with an
 * {@code IllegalStateException} and leaves the EHR waiting. Here the rest of the frame is read and thrown
 * away in small chunks (memory stays bounded), the sender gets the answer {@link OversizeAnswer} makes
 * from the frame's first bytes (an {@code AR} naming its MSH-10), and reading goes on with the next frame
 * on the same connection.
 */
final class GuardedFrameBuffer extends MllpSocketBuffer {

    /** Enough of the frame to hold its MSH segment. */
    private static final int HEAD_BYTES = 4096;
    private static final int CHUNK_BYTES = 8192;

    private final OversizeAnswer answer;
    private final ConnectionGuard guard;
    private final InetAddress from;
    /** What one read of the socket returns; kept for the connection's life, since every frame needs it. */
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final long connectedAt = System.nanoTime();
    /** A whole frame arrived on this connection: from then on camel-mllp's idle timeout applies between frames. */
    private boolean frameReceived;
    /** When the first byte after the last whole frame arrived (nanoTime); -1 while none has. */
    private long frameStartedAt = -1;

    GuardedFrameBuffer(MllpEndpoint endpoint, OversizeAnswer answer, ConnectionGuard guard, InetAddress from) {
        super(endpoint);
        this.answer = answer;
        this.guard = guard;
        this.from = from;
    }

    /**
     * Returns with a whole frame, or throws: {@code SocketTimeoutException} with the buffer empty when
     * nothing came (camel-mllp then checks its idle timeout) or when a deadline cut the connection;
     * with the buffer holding part of a frame when {@code readTimeout} passed without a byte (camel-mllp
     * closes the connection).
     */
    @Override
    public synchronized void readFrom(Socket socket, int receiveTimeout, int readTimeout)
            throws MllpSocketException, SocketTimeoutException {
        InputStream in = inputStream(socket);
        while (!hasCompleteEnvelope()) {
            int n;
            try {
                socket.setSoTimeout(nextWait(socket, receiveTimeout, readTimeout));
                n = in.read(chunk);
            } catch (SocketTimeoutException timeout) {
                ConnectionDrop missed = missedDeadline();
                if (missed != null) {
                    throw cut(socket, missed);
                }
                throw timeout;
            } catch (IOException e) {
                throw broken(socket, "reading the connection failed: " + e.getClass().getSimpleName(), e);
            }
            if (n < 0) {
                if (frameStartedAt < 0) {
                    // closed between frames: an ordinary end, nothing to report
                    resetSocket(socket);
                    throw new SocketTimeoutException("closed by the sender");
                }
                throw broken(socket, "the sender closed the connection inside a frame", null);
            }
            received(socket, readTimeout, chunk, n);
        }
        frameReceived = true;
        frameStartedAt = -1;
    }

    /** The first {@code length} bytes of {@code bytes} came from the socket. */
    private void received(Socket socket, int readTimeout, byte[] bytes, int length)
            throws MllpSocketException, SocketTimeoutException {
        if (frameStartedAt < 0) {
            if (isLineEnds(bytes, length)) {
                // some senders end a frame with an extra CR LF: not the start of another frame
                return;
            }
            frameStartedAt = System.nanoTime();
        }
        try {
            write(bytes, 0, length);
        } catch (IllegalStateException overLimit) {
            // thrown by the buffer only when the frame outgrew maxBufferSize
            refuseAndSkip(socket, readTimeout, Arrays.copyOf(bytes, length));
            return;
        }
        if (!hasStartOfBlock()) {
            // bytes outside a frame are ignored (the frame deadline still runs from the first of them)
            reset();
        }
    }

    private int nextWait(Socket socket, int receiveTimeout, int readTimeout) throws SocketTimeoutException {
        ConnectionDrop missed = missedDeadline();
        if (missed != null) {
            throw cut(socket, missed);
        }
        if (frameStartedAt >= 0) {
            return capped(readTimeout, left(frameStartedAt, guard.limits().frameTimeoutMillis()));
        }
        if (!frameReceived) {
            return capped(receiveTimeout, left(connectedAt, guard.limits().firstByteTimeoutMillis()));
        }
        return receiveTimeout;
    }

    private ConnectionDrop missedDeadline() {
        if (frameStartedAt >= 0) {
            return left(frameStartedAt, guard.limits().frameTimeoutMillis()) <= 0 ? ConnectionDrop.FRAME_TIMEOUT : null;
        }
        if (!frameReceived && left(connectedAt, guard.limits().firstByteTimeoutMillis()) <= 0) {
            return ConnectionDrop.FIRST_BYTE_TIMEOUT;
        }
        return null;
    }

    /** Closes the connection for a missed deadline; the buffer is left empty, so camel-mllp just lets it go. */
    private SocketTimeoutException cut(Socket socket, ConnectionDrop drop) {
        reset();
        frameStartedAt = -1;
        guard.dropped(from, drop);
        resetSocket(socket);
        return new SocketTimeoutException("connection cut: " + drop.label);
    }

    private MllpSocketException broken(Socket socket, String message, IOException cause) {
        resetSocket(socket);
        return cause == null ? new MllpSocketException(message) : new MllpSocketException(message, cause);
    }

    private void refuseAndSkip(Socket socket, int readTimeout, byte[] pending) throws MllpSocketException, SocketTimeoutException {
        byte[] kept = toByteArray();
        byte[] received = kept == null ? pending : concat(kept, pending);
        int start = kept == null ? indexOf(pending, MllpProtocolConstants.START_OF_BLOCK) + 1 : getStartOfBlockIndex() + 1;
        String head = new String(received, start, Math.min(HEAD_BYTES, received.length - start), StandardCharsets.ISO_8859_1);
        long frameBytes = kept == null ? 0 : kept.length - start;
        Skipped skipped;
        try {
            skipped = skipToEndOfFrame(socket, readTimeout, pending);
        } catch (SocketTimeoutException timeout) {
            if (missedDeadline() != null) {
                throw cut(socket, ConnectionDrop.FRAME_TIMEOUT);
            }
            reset();
            throw broken(socket, "an MLLP frame over the size limit (" + frameBytes
                    + " bytes so far) ended before its end-of-block byte: " + timeout.getClass().getSimpleName(), timeout);
        } catch (IOException e) {
            reset();
            throw broken(socket, "an MLLP frame over the size limit (" + frameBytes
                    + " bytes so far) ended before its end-of-block byte: " + e.getClass().getSimpleName(), e);
        }
        // camel-mllp's own framing writes the answer; the buffer then holds what came after the frame.
        setEnvelopedMessage(answer.refuse(head, frameBytes + skipped.frameBytes()).getBytes(StandardCharsets.ISO_8859_1));
        writeTo(socket);
        reset();
        frameReceived = true;
        frameStartedAt = -1;
        if (skipped.next().length > 0) {
            received(socket, readTimeout, skipped.next(), skipped.next().length);
        }
    }

    /**
     * Reads up to and including the frame's end-of-block (and end-of-data) byte, starting with the bytes
     * already read; keeps what follows.
     */
    private Skipped skipToEndOfFrame(Socket socket, int readTimeout, byte[] pending) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] chunk = pending;
        int n = pending.length;
        long skipped = 0;
        while (true) {
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
            if (chunk == pending) {
                chunk = new byte[65_536];
            }
            long left = left(frameStartedAt, guard.limits().frameTimeoutMillis());
            if (left <= 0) {
                throw new SocketTimeoutException("frame deadline");
            }
            socket.setSoTimeout(capped(readTimeout, left));
            n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed inside the frame");
            }
        }
    }

    // camel-mllp closes a connection through its buffer on every path: each one gives the place back.

    @Override
    public void resetSocket(Socket socket) {
        super.resetSocket(socket);
        guard.release(socket);
    }

    @Override
    public void resetSocket(Socket socket, String logMessage) {
        super.resetSocket(socket, logMessage);
        guard.release(socket);
    }

    @Override
    public void closeSocket(Socket socket) {
        super.closeSocket(socket);
        guard.release(socket);
    }

    @Override
    public void closeSocket(Socket socket, String logMessage) {
        super.closeSocket(socket, logMessage);
        guard.release(socket);
    }

    private InputStream inputStream(Socket socket) throws MllpSocketException {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw broken(socket, "the connection cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isLineEnds(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static long left(long since, int timeoutMillis) {
        return timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /** A socket timeout no longer than what is left of a deadline; 0 (wait forever) becomes the deadline. */
    private static int capped(int timeoutMillis, long leftMillis) {
        long wait = timeoutMillis <= 0 ? leftMillis : Math.min(timeoutMillis, leftMillis);
        return (int) Math.max(1, wait);
    }

    private static int indexOf(byte[] bytes, int b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private record Skipped(long frameBytes, byte[] next) {
    }
}
