package io.claimshub.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Values as the NUCC 1500 instructions want them printed: upper case, plain ASCII (the OCR forms and
 * the printer's Courier know nothing else), no punctuation in addresses, no periods in names, no
 * dashes in numbers, amounts without dollar sign or decimal point, and dates split into the form's
 * MM | DD | YY boxes.
 */
final class PaperText {

    private static final DateTimeFormatter SIX_DIGIT = DateTimeFormatter.ofPattern("MM dd yy");
    private static final DateTimeFormatter EIGHT_DIGIT = DateTimeFormatter.ofPattern("MM dd yyyy");

    private PaperText() {
    }

    /** Upper case ASCII with single spaces; accents dropped, anything unprintable becomes a space. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String plain = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder text = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            text.append(c >= 0x21 && c <= 0x7e ? c : ' ');
        }
        return text.toString().toUpperCase(Locale.ROOT).trim().replaceAll(" {2,}", " ");
    }

    /** "123 N MAIN ST 101" for "123 N. Main St., #101": the instructions forbid punctuation in addresses. */
    static String address(String value) {
        return only(text(value), "[^A-Z0-9 ]");
    }

    /** One part of a name: letters, digits, hyphens (hyphenated names) and spaces; O'DOE is ODOE, no periods. */
    static String namePart(String value) {
        return only(text(value).replace("'", ""), "[^A-Z0-9 -]");
    }

    /** "DOE, JANE, Q": last, first and middle initial separated by commas, as items 2, 4 and 9 want. */
    static String name(String last, String first, String middle) {
        StringBuilder name = new StringBuilder(namePart(last));
        String firstName = namePart(first);
        if (!firstName.isEmpty()) {
            name.append(", ").append(firstName);
        }
        String middleName = namePart(middle);
        if (!middleName.isEmpty()) {
            name.append(", ").append(middleName.charAt(0));
        }
        return name.toString();
    }

    /** Digits only: tax ids, phone numbers and ZIP codes are printed without dashes. */
    static String digits(String value) {
        return value == null ? "" : value.replaceAll("[^0-9]", "");
    }

    /** "  145 00": dollars right-aligned, a space for the form's dollar/cents rule, two cents digits. */
    static String amount(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        String plain = cents.toPlainString();
        int dot = plain.indexOf('.');
        return String.format("%6s %s", plain.substring(0, dot), plain.substring(dot + 1));
    }

    /** Units as a number without needless zeros: 1, 2, 1.5. */
    static String units(BigDecimal units) {
        if (units == null) {
            return "";
        }
        BigDecimal stripped = units.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** "03 14 24" (MM DD YY), for the boxes that take a 6-digit date. */
    static String date6(LocalDate date) {
        return date == null ? "" : date.format(SIX_DIGIT);
    }

    /** "02 15 1980" (MM DD YYYY), for the birth dates of items 3 and 11a. */
    static String date8(LocalDate date) {
        return date == null ? "" : date.format(EIGHT_DIGIT);
    }

    private static String only(String text, String forbidden) {
        return text.replaceAll(forbidden, " ").trim().replaceAll(" {2,}", " ");
    }
}
