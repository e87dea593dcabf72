package io.claimshub.replies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Reply codes in words (replies/codes.properties): TA1 notes, 999 errors, 277CA categories and
 * statuses, 835 claim statuses, CAS groups and reason codes. A code not in the table still reads
 * sensibly: "code 999 (not in the hub's code table)".
 */
public final class ReplyCodes {

    private final Properties words = new Properties();

    public ReplyCodes() {
        try (InputStream in = ReplyCodes.class.getResourceAsStream("/replies/codes.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing resource replies/codes.properties");
            }
            words.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words for a code of a list (ta1, ik5, ik5err, ik3, ik4, stccat, stc, clp02, casgroup, carc). */
    public String words(String list, String code) {
        String text = words.getProperty(list + "." + code);
        if (text == null && code.matches("0\\d+") && !list.equals("ta1")) {
            text = words.getProperty(list + "." + code.replaceFirst("^0+(?=.)", ""));
        }
        return text == null ? "code " + code + " (not in the hub's code table)" : text;
    }
}
