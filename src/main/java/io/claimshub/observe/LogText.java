package io.claimshub.observe;

/**
 * How a value from outside (a file name, a CLM01, a user name, a remote server's message) is shown in a
 * log line: characters that could end the line or change how a terminal or viewer shows it (control
 * characters, line and paragraph separators, bidi and other format characters) become {@code \\uXXXX},
 * so nobody can write a line of their own into the log. The hub's log layout applies it to every
 * message ({@link EscapedMessageConverter}); code that needs the stricter ASCII-only form builds on
 * {@link #appendEscaped}.
 */
public final class LogText {

    private LogText() {
    }

    /** The text with every character {@link #needsEscape} written as {@code \\uXXXX}. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text);
        escapeFrom(out, 0);
        return out.toString();
    }

    /** Escapes, in place, the characters of {@code text} from {@code start} on; nothing is copied when none needs it. */
    static void escapeFrom(StringBuilder text, int start) {
        int first = -1;
        for (int i = start; i < text.length(); i++) {
            if (needsEscape(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return;
        }
        String tail = text.substring(first);
        text.setLength(first);
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (needsEscape(c)) {
                appendEscaped(text, c);
            } else {
                text.append(c);
            }
        }
    }

    /** Control (C0, DEL, C1), line/paragraph separators and format characters (bidi overrides, zero-width). */
    public static boolean needsEscape(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT -> true;
            default -> false;
        };
    }

    /** Appends {@code \\uXXXX} for the character. */
    public static void appendEscaped(StringBuilder out, char c) {
        out.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
    }
}
