package io.claimshub.claim;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each code check of CodeFormats, written out by hand, accepts exactly what its regular expression does. */
class CodeFormatsTest {

    private static final Pattern CPT = Pattern.compile("\\d{5}|\\d{4}[FTU]");
    private static final Pattern HCPCS = Pattern.compile("[A-V]\\d{4}");
    private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");
    private static final Pattern ICD10_CM = Pattern.compile("[A-Z]\\d[A-Z0-9][A-Z0-9]{0,4}");
    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("0[1-9]|[1-9]\\d");

    /** The edges of each character class, and characters just outside them (lower case, a non-ASCII digit). */
    private static final String ALPHABET = "019AFTUVWZa@[/:.- \u0663";

    @Test
    void every_short_value_over_the_edge_characters_is_judged_as_the_regex_judges_it() {
        for (int length = 0; length <= 5; length++) {
            every(length, "", value -> {
                check(value);
                return true;
            });
        }
    }

    @Test
    void longer_random_values_are_judged_as_the_regex_judges_them() {
        Random random = new Random(21);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(10);
            for (int j = 0; j < length; j++) {
                // mostly characters the codes are made of, so that long valid codes come up too
                value.append(random.nextInt(4) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(random.nextInt(36)));
            }
            check(value.toString());
        }
    }

    @Test
    void null_is_no_code() {
        assertThat(CodeFormats.procedure(null)).isFalse();
        assertThat(CodeFormats.modifier(null)).isFalse();
        assertThat(CodeFormats.icd10(null)).isFalse();
        assertThat(CodeFormats.placeOfService(null)).isFalse();
    }

    private static void check(String value) {
        // compared as booleans first: an assertion per value would make the test slow
        boolean procedure = CPT.matcher(value).matches() || HCPCS.matcher(value).matches();
        if (CodeFormats.procedure(value) != procedure) {
            assertThat(CodeFormats.procedure(value)).as("procedure %s", value).isEqualTo(procedure);
        }
        boolean modifier = MODIFIER.matcher(value).matches();
        if (CodeFormats.modifier(value) != modifier) {
            assertThat(CodeFormats.modifier(value)).as("modifier %s", value).isEqualTo(modifier);
        }
        boolean icd10 = ICD10_CM.matcher(value).matches();
        if (CodeFormats.icd10(value) != icd10) {
            assertThat(CodeFormats.icd10(value)).as("icd10 %s", value).isEqualTo(icd10);
        }
        boolean placeOfService = PLACE_OF_SERVICE.matcher(value).matches();
        if (CodeFormats.placeOfService(value) != placeOfService) {
            assertThat(CodeFormats.placeOfService(value)).as("place of service %s", value).isEqualTo(placeOfService);
        }
    }

    private static void every(int length, String prefix, Predicate<String> visit) {
        if (prefix.length() == length) {
            visit.test(prefix);
            return;
        }
        for (int i = 0; i < ALPHABET.length(); i++) {
            every(length, prefix + ALPHABET.charAt(i), visit);
        }
    }
}
