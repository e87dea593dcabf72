package io.claimshub.claim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NpiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // CMS's worked example and the spec's sample clinic
            "1234567893, true",
            "1234567890, false",
            "1245319599, true",
            "1245319598, false",
            "123456789, false",
            "12345678931, false",
            "12345A7893, false",
            "'', false",
    })
    void checks_the_luhn_digit_over_the_80840_prefix(String npi, boolean valid) {
        assertThat(Npi.isValid(npi)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void null_is_not_an_npi() {
        assertThat(Npi.isValid(null)).isFalse();
    }
}
