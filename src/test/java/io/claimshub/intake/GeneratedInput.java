package io.claimshub.intake;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large input made while it is read, never held in memory or written to disk: a start, one piece
 * repeated, an end. Lets a test feed the readers hundreds of megabytes.
 */
public final class GeneratedInput extends InputStream {

    private final byte[][] parts;
    private final long[] repeats;
    private int part;
    private long repeatsLeft;
    private int position;

    private GeneratedInput(byte[][] parts, long[] repeats) {
        this.parts = parts;
        this.repeats = repeats;
        this.repeatsLeft = repeats[0];
    }

    /** {@code start}, then {@code piece} {@code times} times, then {@code end}. */
    public static GeneratedInput of(String start, String piece, long times, String end) {
        return new GeneratedInput(new byte[][]{bytes(start), bytes(piece), bytes(end)}, new long[]{1, times, 1});
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        while (part < parts.length && (repeatsLeft == 0 || parts[part].length == 0)) {
            part++;
            repeatsLeft = part < parts.length ? repeats[part] : 0;
            position = 0;
        }
        if (part == parts.length) {
            return -1;
        }
        byte[] current = parts[part];
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        if (position == current.length) {
            position = 0;
            repeatsLeft--;
        }
        return count;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
