package io.claimshub.pickup;

import io.claimshub.observe.LogText;

import java.util.Optional;

/**
 * Decides whether a file name from a payer's SFTP directory listing may be used at all. The listing
 * is the server's word, not a file system's: a hostile or broken server can list {@code ../../x},
 * {@code a\b}, names with line breaks or bidi overrides. camel-ftp 4.17 joins listed names onto the
 * polled directory without checking them (a published path-traversal advisory, fixed only in later
 * Camel releases), so every name is checked here before Camel downloads, moves or deletes anything.
 * <p>
 * A safe name is one plain entry of the polled directory: not empty, not {@code .} or {@code ..},
 * no {@code /} or {@code \}, no drive prefix ({@code C:}), no control or format characters
 * (Unicode Cc, Cf, Zl, Zp: NUL, DEL, line breaks, bidi overrides, zero-width characters) and at most
 * {@value #MAX_LENGTH} characters. Percent sequences such as {@code ..%2F} are literal characters:
 * the name is used as SFTP sends it and is never URL-decoded, so they cannot reach another directory.
 */
public final class RemoteFileNames {

    /** Longer names are refused: real reply files are short, and the name goes into logs and records. */
    public static final int MAX_LENGTH = 200;
    /** How many characters of a refused name a log line shows. */
    static final int MAX_RENDERED = 80;

    private RemoteFileNames() {
    }

    /** @return why {@code name} must not be used, or empty when it is a plain file name in the polled directory */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' names a directory, not a file");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the name has " + name.length() + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of(String.format("it contains the control or format character U+%04X", c));
            }
            if (type == Character.SURROGATE) {
                return Optional.of("it contains an unpaired surrogate (invalid UTF-16)");
            }
            i += Character.charCount(c);
        }
        if (name.indexOf('/') >= 0) {
            return Optional.of(name.startsWith("/") ? "it is an absolute path" : "it contains '/', a path separator");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("it contains '\\', a Windows path separator");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            return Optional.of("it starts with a drive letter ('" + name.substring(0, 2) + "')");
        }
        return Optional.empty();
    }

    public static boolean isSafe(String name) {
        return problem(name).isEmpty();
    }

    /**
     * The name as a log line may show it: printable ASCII as is, everything else as {@code \\uXXXX}
     * (so no line break, escape sequence or bidi override from the server reaches a log), quoted and
     * cut to {@value #MAX_RENDERED} characters.
     */
    public static String render(String name) {
        if (name == null) {
            return "(none)";
        }
        return '"' + escape(name, MAX_RENDERED) + '"'
                + (name.length() > MAX_RENDERED ? "… (" + name.length() + " characters)" : "");
    }

    /** Printable ASCII as is (quote and backslash escaped), everything else as a Java unicode escape, cut to {@code max} characters. */
    static String escape(String text, int max) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(text.length(), max);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                LogText.appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
