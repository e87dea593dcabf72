package io.claimshub.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** What a clinic dropped: HL7 v2 (single message or batch) or canonical JSON claims, told by the first bytes. */
public enum FileFormat {
    HL7, JSON;

    private static final int PEEK = 64;

    /**
     * Looks at the first non-blank bytes (after a UTF-8 byte order mark) and leaves the stream where it
     * was. The stream must be a {@link PushbackInputStream} with room for {@value #PEEK} bytes.
     */
    public static FileFormat detect(PushbackInputStream in, String fileName) throws IOException, UnreadableFileException {
        byte[] head = in.readNBytes(PEEK);
        in.unread(head);
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i >= head.length) {
            throw new UnreadableFileException(fileName + ": the file is empty");
        }
        if (head[i] == '{' || head[i] == '[') {
            return JSON;
        }
        String start = new String(head, i, Math.min(3, head.length - i), java.nio.charset.StandardCharsets.US_ASCII);
        if (start.equals("MSH") || start.equals("FHS") || start.equals("BHS")) {
            return HL7;
        }
        throw new UnreadableFileException(fileName + ": neither HL7 v2 (a file must start with MSH, FHS or BHS)"
                + " nor JSON claims (a file must start with { or [)");
    }

    public static PushbackInputStream peekable(InputStream in) {
        return new PushbackInputStream(in, PEEK);
    }
}
