package io.claimshub.x12;

import io.claimshub.claim.X12Characters;
import io.claimshub.config.PayerConfig;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Data hygiene for X12 values: transliterated to upper-case ASCII (never {@code ?}), no delimiter
 * characters (they would split an element or a segment), no control characters, single spaces, and
 * numbers without needless trailing zeros. Identifiers with such characters never get here: the edits
 * reject them.
 */
final class X12Text {

    private final String delimiters;

    X12Text(PayerConfig.Delimiters delimiters) {
        this.delimiters = new String(new char[]{delimiters.element(), delimiters.component(),
                delimiters.repetition(), delimiters.segment()});
    }

    /**
     * The value as it may be written; null or blank stays empty. A character with no ASCII equivalent
     * (the edits refuse names holding one) becomes a space rather than a {@code ?}.
     */
    String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (alreadyClean(raw)) {
            // codes, numbers, identifiers and upper-case names: most values need nothing done
            return raw;
        }
        String value = X12Characters.transliterate(raw);
        StringBuilder text = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // Printable ASCII stays (the extended set's # @ _ … included, as before); what transliteration
            // could not bring into ASCII becomes a space, never a '?'.
            if (delimiters.indexOf(c) >= 0 || c <= ' ' || c > '~') {
                space = !text.isEmpty();
            } else {
                if (space) {
                    text.append(' ');
                    space = false;
                }
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Printable ASCII without lower case and delimiters, with single spaces between words only. */
    private boolean alreadyClean(String value) {
        char last = ' ';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~' || c >= 'a' && c <= 'z' || c == ' ' && last == ' ' || delimiters.indexOf(c) >= 0) {
                return false;
            }
            last = c;
        }
        return last != ' ';
    }

    /**
     * CCYYMMDD (D8), as {@link DateTimeFormatter#BASIC_ISO_DATE} writes it, without a formatter for the
     * four-digit years every claim has: several dates a claim, and the formatter's generic printing was a
     * share of writing an 837 (BENCHMARKS.md, convert). Other years go to the formatter.
     */
    static String date(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return date.format(DateTimeFormatter.BASIC_ISO_DATE);
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        return new String(new char[]{digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10),
                digit(month / 10), digit(month % 10), digit(day / 10), digit(day % 10)});
    }

    private static char digit(int value) {
        return (char) ('0' + value);
    }

    static String amount(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
