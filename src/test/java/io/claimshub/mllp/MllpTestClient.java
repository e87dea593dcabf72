package io.claimshub.mllp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket MLLP client, as an EHR would be: frames messages (0x0B … 0x1C 0x0D), waits for the
 * framed acknowledgement, and can also write raw bytes to test bad framing.
 */
public final class MllpTestClient implements AutoCloseable {

    static final byte START = 0x0B;
    static final byte END = 0x1C;
    static final byte CR = 0x0D;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpTestClient(int port) throws IOException {
        this(port, 20_000);
    }

    /** @param readTimeoutMillis how long to wait for an acknowledgement */
    public MllpTestClient(int port, int readTimeoutMillis) throws IOException {
        this(connect(port), readTimeoutMillis);
    }

    /**
     * From another loopback address (Linux routes all of 127/8 to lo), so one test can play several
     * senders, each with an address of its own.
     */
    public static MllpTestClient from(String localAddress, int port, int readTimeoutMillis) throws IOException {
        return new MllpTestClient(connectFrom(localAddress, port), readTimeoutMillis);
    }

    /** A plain connection to the hub from {@code localAddress}, for tests that write bytes themselves. */
    public static Socket connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /** Over a socket the caller connected, e.g. a TLS socket. */
    public MllpTestClient(Socket connected, int readTimeoutMillis) throws IOException {
        socket = connected;
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        // buffered: reading an acknowledgement byte by byte straight from the socket is a system call per byte
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private static Socket connect(int port) throws IOException {
        return connectFrom("127.0.0.1", port);
    }

    /** Sends one framed message and returns the acknowledgement's text. */
    public String send(String message) throws IOException {
        return send(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    public String send(byte[] message) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(message.length + 3);
        frame.write(START);
        frame.write(message, 0, message.length);
        frame.write(END);
        frame.write(CR);
        out.write(frame.toByteArray());
        out.flush();
        return readAck();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String readAck() throws IOException {
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement");
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            ack.write(b);
        }
        in.read();
        return ack.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * True when the other side closes or resets the connection within {@code waitMillis}; false when it
     * keeps it open that long (or sends something).
     */
    public boolean closedByPeerWithin(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        return closedByPeer(in);
    }

    /** True when the other side closed or reset the connection; false when it sent a byte or the read timed out. */
    static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** MSA-1 of an acknowledgement: AA, AE or AR. */
    public static String code(String ack) {
        return field(ack, "MSA", 1);
    }

    /** Field n of the first segment with this name, split with the default delimiters. */
    public static String field(String ack, String segment, int n) {
        for (String line : ack.split("\r")) {
            if (line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                // In MSH the separator itself is field 1, so field n sits one place earlier.
                int index = segment.equals("MSH") ? n - 1 : n;
                return index < fields.length ? fields[index] : "";
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
