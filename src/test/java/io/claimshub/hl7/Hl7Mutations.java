package io.claimshub.hl7;

import java.util.Random;

/**
 * Fuzzing for HL7 input: byte flips, truncation, delimiter swaps, huge fields, dropped segments, control
 * characters. Used by the MLLP fuzz test and the read paths' differential test.
 */
public final class Hl7Mutations {

    private Hl7Mutations() {
    }

    /** One of several mutations; never the MLLP framing bytes, which an EHR cannot send inside a frame. */
    public static String mutate(String message, Random random) {
        StringBuilder text = new StringBuilder(message);
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(5); flips > 0; flips--) {
                    text.setCharAt(random.nextInt(text.length()), (char) (0x20 + random.nextInt(0x5F)));
                }
            }
            // camel-mllp itself closes the connection on a frame of fewer than 4 bytes (see MllpIntakeIT).
            case 1 -> text.setLength(4 + random.nextInt(text.length() - 4));
            case 2 -> {
                char[] delimiters = {'|', '^', '~', '\\', '&', '\r'};
                char from = delimiters[random.nextInt(delimiters.length)];
                char to = delimiters[random.nextInt(delimiters.length)];
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == from && random.nextInt(3) == 0) {
                        text.setCharAt(i, to);
                    }
                }
            }
            case 3 -> text.insert(random.nextInt(text.length()), "X".repeat(1_000 + random.nextInt(30_000)));
            case 4 -> {
                String[] segments = text.toString().split("\r");
                int drop = 1 + random.nextInt(segments.length - 1);
                text.setLength(0);
                for (int i = 0; i < segments.length; i++) {
                    if (i != drop) {
                        text.append(segments[i]).append('\r');
                    }
                }
            }
            default -> text.insert(random.nextInt(text.length()), (char) random.nextInt(0x0B));
        }
        return text.toString();
    }
}
