package io.claimshub.clinicreturn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends an HL7 message to a clinic's EHR over MLLP and waits for its original-mode ACK. {@code AA}/{@code CA}
 * is delivered; {@code AE}/{@code CE} (the EHR could not take it now), no answer and connection errors
 * are retried; {@code AR}/{@code CR} (the EHR refuses it) is permanent. One connection per message:
 * remittances are few, and a fresh connection never inherits a half-read answer.
 */
public final class MllpNoticeSender implements NoticeSender {

    private static final int START = 0x0B;
    private static final int END = 0x1C;
    private static final int MAX_ACK_BYTES = 64 * 1024;

    private final int timeoutMillis;

    public MllpNoticeSender(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(Notice notice) throws NoticeFailure {
        String ack;
        try (Socket socket = new Socket()) {
            socket.connect(address(notice.target()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(START);
            out.write(notice.body().getBytes(StandardCharsets.ISO_8859_1));
            out.write(END);
            out.write('\r');
            out.flush();
            ack = readFrame(socket.getInputStream());
        } catch (IOException e) {
            throw new NoticeFailure("EHR not reachable or no ACK: " + e.getClass().getSimpleName(), true);
        }
        String code = acknowledgementCode(ack);
        switch (code) {
            case "AA", "CA" -> {
            }
            case "AR", "CR" -> throw new NoticeFailure("the EHR refused the message (" + code + ")", false);
            default -> throw new NoticeFailure("the EHR answered " + (code.isEmpty() ? "without MSA-1" : code), true);
        }
    }

    private static InetSocketAddress address(String target) {
        int colon = target.lastIndexOf(':');
        return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    private static String readFrame(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) {
                throw new IOException("connection closed before the ACK");
            }
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b < 0 || frame.size() > MAX_ACK_BYTES) {
                throw new IOException("ACK frame broken or too long");
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.ISO_8859_1);
    }

    /** MSA-1 of an ACK, or "" when there is no MSA segment. */
    static String acknowledgementCode(String ack) {
        for (String segment : ack.split("[\r\n]+")) {
            if (segment.startsWith("MSA") && segment.length() > 4) {
                String[] fields = segment.split("\\" + segment.charAt(3), -1);
                return fields.length > 1 ? fields[1].trim() : "";
            }
        }
        return "";
    }
}
