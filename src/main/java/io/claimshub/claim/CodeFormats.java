package io.claimshub.claim;

/**
 * The shapes of the codes on a professional claim, as a clearinghouse's front end checks them. Each check is
 * written out character by character rather than as a regular expression: they run for every line and
 * diagnosis of every claim, and a regex match (and its compilation by the JIT) was a visible share of
 * {@code convert}'s time (BENCHMARKS.md). {@code CodeFormatsTest} holds each to the regex in its comment.
 */
final class CodeFormats {

    private CodeFormats() {
    }

    /**
     * CPT: 5 digits, or 4 digits and F (category II), T (category III) or U (proprietary lab analyses)
     * ({@code \d{5}|\d{4}[FTU]}); HCPCS level II: a letter A–V and 4 digits ({@code [A-V]\d{4}}).
     */
    static boolean procedure(String code) {
        if (code == null || code.length() != 5) {
            return false;
        }
        char first = code.charAt(0);
        char last = code.charAt(4);
        boolean middleDigits = digit(code.charAt(1)) && digit(code.charAt(2)) && digit(code.charAt(3));
        boolean cpt = digit(first) && (digit(last) || last == 'F' || last == 'T' || last == 'U');
        boolean hcpcs = first >= 'A' && first <= 'V' && digit(last);
        return middleDigits && (cpt || hcpcs);
    }

    /** {@code [A-Z0-9]{2}} */
    static boolean modifier(String modifier) {
        return modifier != null && modifier.length() == 2 && upperOrDigit(modifier.charAt(0))
                && upperOrDigit(modifier.charAt(1));
    }

    /**
     * ICD-10-CM without the dot: letter, digit, digit or letter, then up to 4 more characters
     * ({@code [A-Z]\d[A-Z0-9][A-Z0-9]{0,4}}).
     */
    static boolean icd10(String code) {
        if (code == null || code.length() < 3 || code.length() > 7) {
            return false;
        }
        char first = code.charAt(0);
        if (first < 'A' || first > 'Z' || !digit(code.charAt(1))) {
            return false;
        }
        for (int i = 2; i < code.length(); i++) {
            if (!upperOrDigit(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code 0[1-9]|[1-9]\d}: 01 to 99. */
    static boolean placeOfService(String code) {
        return code != null && code.length() == 2 && digit(code.charAt(0)) && digit(code.charAt(1))
                && !code.equals("00");
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upperOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || digit(c);
    }
}
