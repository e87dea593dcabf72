package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "1s, PT1S",
            "15m, PT15M",
            "1h, PT1H",
            "2h30m, PT2H30M",
            "1m30s, PT1M30S",
            "1h0m5s250ms, PT1H5.25S",
            "' 90s ', PT1M30S",
            "0s, PT0S",
    })
    void reads_a_number_and_a_unit(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "15 m", "15min", "1d", "15M", "-5m", "1.5h", "30m1h", "1m1m", "ms", "PT15M"})
    void rejects_anything_else_and_says_how_to_write_it(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessage("'" + text.trim() + "' is not a duration; write a number and a unit (h, m, s or ms),"
                        + " like 500ms, 30s, 15m, 1h or 2h30m");
    }

    @Test
    void rejects_null() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(null))
                .withMessageStartingWith("'' is not a duration");
    }
}
