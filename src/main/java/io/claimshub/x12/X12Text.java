package io.claimshub.x12;

import io.claimshub.config.PayerConfig;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Data hygiene for X12 values: upper case, no delimiter characters (they would split an element or a
 * segment), no control characters, single spaces, and numbers without needless trailing zeros.
 */
final class X12Text {

    private final String delimiters;

    X12Text(PayerConfig.Delimiters delimiters) {
        this.delimiters = new String(new char[]{delimiters.element(), delimiters.component(),
                delimiters.repetition(), delimiters.segment()});
    }

    /** The value as it may be written; null or blank stays empty. */
    String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (delimiters.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = !text.isEmpty();
            } else {
                if (space) {
                    text.append(' ');
                    space = false;
                }
                text.append(c);
            }
        }
        return text.toString().toUpperCase(Locale.ROOT);
    }

    static String amount(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
