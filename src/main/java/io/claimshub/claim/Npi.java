package io.claimshub.claim;

/**
 * National Provider Identifier check: 10 digits whose last is a Luhn check digit computed over the
 * prefix 80840 (the NPI's ISO 7812 card issuer prefix) followed by the first nine digits.
 */
public final class Npi {

    /** The Luhn sum of the prefix 80840, precomputed as the NPI standard suggests. */
    private static final int PREFIX_SUM = 24;

    private Npi() {
    }

    public static boolean isValid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (npi.charAt(i) < '0' || npi.charAt(i) > '9') {
                return false;
            }
        }
        int sum = PREFIX_SUM;
        // Double every other digit starting from the rightmost of the first nine.
        for (int i = 8; i >= 0; i--) {
            int digit = npi.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        int check = (10 - (sum % 10)) % 10;
        return check == npi.charAt(9) - '0';
    }
}
