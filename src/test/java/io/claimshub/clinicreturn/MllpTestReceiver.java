package io.claimshub.clinicreturn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An EHR's MLLP listener, for tests: records each framed message and answers with the next scripted
 * MSA-1 code ("AA", "AR", …), or closes the connection without an answer for "DROP".
 */
public final class MllpTestReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<String> script = new LinkedBlockingQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public MllpTestReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "mllp-test-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers for the next messages, in order; after the script runs out every message gets AA. */
    public MllpTestReceiver answer(String... codes) {
        script.addAll(List.of(codes));
        return this;
    }

    public List<String> received() {
        return received;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String message;
                while ((message = readFrame(in)) != null) {
                    received.add(message);
                    String code = script.isEmpty() ? "AA" : script.poll();
                    if (code.equals("DROP")) {
                        break;
                    }
                    String controlId = message.split("\r")[0].split("\\|", -1)[9];
                    String ack = "MSH|^~\\&|EHR|SUNRISE|||20261120090000||ACK^P03|A" + received.size() + "|P|2.5.1\rMSA|"
                            + code + "|" + controlId + "\r";
                    out.write(0x0B);
                    out.write(ack.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(new byte[]{0x1C, 0x0D});
                    out.flush();
                }
            } catch (IOException e) {
                // a client went away or the receiver closed
            }
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != 0x0B) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1C) {
            if (b < 0) {
                return null;
            }
            frame.write(b);
        }
        in.read();
        return frame.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
