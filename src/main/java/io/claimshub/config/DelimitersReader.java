package io.claimshub.config;

import java.util.HashSet;
import java.util.Set;

/** A payer's X12 delimiters: four single, distinct characters that cannot occur in ordinary data. */
final class DelimitersReader {

    private DelimitersReader() {
    }

    static PayerConfig.Delimiters read(YamlSection delimiters) {
        if (delimiters == null) {
            return PayerConfig.Delimiters.DEFAULT;
        }
        delimiters.allowOnly(Set.of("element", "component", "repetition", "segment"));
        PayerConfig.Delimiters defaults = PayerConfig.Delimiters.DEFAULT;
        char element = character(delimiters, "element", defaults.element());
        char component = character(delimiters, "component", defaults.component());
        char repetition = character(delimiters, "repetition", defaults.repetition());
        char segment = character(delimiters, "segment", defaults.segment());
        if (new HashSet<>(java.util.List.of(element, component, repetition, segment)).size() != 4) {
            delimiters.problem("element", "the four delimiters must all be different");
        }
        return new PayerConfig.Delimiters(element, component, repetition, segment);
    }

    private static char character(YamlSection delimiters, String key, char defaultValue) {
        String value = delimiters.optional(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.length() != 1 || Character.isLetterOrDigit(value.charAt(0)) || value.charAt(0) == ' ') {
            delimiters.problem(key, "'" + value + "' must be one character that is not a letter, digit or space");
            return defaultValue;
        }
        return value.charAt(0);
    }
}
