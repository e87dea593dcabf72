package io.claimshub.claim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National Drug Codes as the 837P wants them (LIN03): 11 digits in the 5-4-2 form, no dashes. Labels print
 * 10-digit NDCs with dashes in one of three forms; a leading zero in the short part makes them 11 digits.
 */
public final class Ndc {

    private static final Pattern DASHED = Pattern.compile("(\\d{4,5})-(\\d{3,4})-(\\d{1,2})");
    private static final Pattern ELEVEN = Pattern.compile("\\d{11}");

    private Ndc() {
    }

    /** "0182-1061-05" → "00182106105"; a value in no known form is returned as sent (the edits reject it). */
    public static String elevenDigits(String ndc) {
        String value = ndc.strip();
        Matcher dashed = DASHED.matcher(value);
        if (dashed.matches() && value.length() == 12) {
            return pad(dashed.group(1), 5) + pad(dashed.group(2), 4) + pad(dashed.group(3), 2);
        }
        return value;
    }

    public static boolean valid(String ndc) {
        return ndc != null && ELEVEN.matcher(ndc).matches();
    }

    private static String pad(String digits, int width) {
        return "0".repeat(width - digits.length()) + digits;
    }
}
