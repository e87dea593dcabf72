package io.claimshub.hl7;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper's hand-written checks do exactly what the regular expressions in their comments do. */
class ShapeChecksTest {

    private static final Pattern POSITIVE_INTEGER = Pattern.compile("0*[1-9]\\d{0,8}");
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");
    private static final Pattern CPT_OR_HCPCS = Pattern.compile("\\d{5}|\\d{4}[A-Z]|[A-Z]\\d{4}");
    /** Edges of each character class and characters just outside them (lower case, a non-ASCII digit, a surrogate pair). */
    private static final String ALPHABET = "0129AZa@[/:-+ \u0663\uD835\uDFCE";

    @Test
    void every_short_value_over_the_edge_characters() {
        for (int length = 0; length <= 5; length++) {
            every(length, "");
        }
    }

    @Test
    void long_numbers_with_and_without_leading_zeros() {
        Random random = new Random(21);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder("0".repeat(random.nextInt(4)));
            int digits = random.nextInt(13);
            for (int j = 0; j < digits; j++) {
                value.append((char) ('0' + random.nextInt(10)));
            }
            check(value.toString());
        }
        check("999999999");
        check("1000000000");
        check("000999999999");
        assertThat(FieldReader.positiveInteger(null)).isZero();
        assertThat(ChargeMapper.cptOrHcpcs(null)).isFalse();
    }

    private static void check(String value) {
        int expected = POSITIVE_INTEGER.matcher(value).matches() ? Integer.parseInt(value) : 0;
        if (FieldReader.positiveInteger(value) != expected) {
            assertThat(FieldReader.positiveInteger(value)).as("positive integer %s", value).isEqualTo(expected);
        }
        String digits = NOT_DIGIT.matcher(value).replaceAll("");
        if (!PersonMapper.digitsOnly(value).equals(digits)) {
            assertThat(PersonMapper.digitsOnly(value)).as("digits of %s", value).isEqualTo(digits);
        }
        boolean code = CPT_OR_HCPCS.matcher(value).matches();
        if (ChargeMapper.cptOrHcpcs(value) != code) {
            assertThat(ChargeMapper.cptOrHcpcs(value)).as("CPT or HCPCS %s", value).isEqualTo(code);
        }
    }

    private static void every(int length, String prefix) {
        if (prefix.length() == length) {
            check(prefix);
            return;
        }
        for (int i = 0; i < ALPHABET.length(); i++) {
            every(length, prefix + ALPHABET.charAt(i));
        }
    }
}
