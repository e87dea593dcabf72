package io.claimshub.x12;

import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Values as X12Text writes them: clean ones as they are, everything else upper-cased, spaced and stripped. */
class X12TextTest {

    private final X12Text text = new X12Text(PayerConfig.Delimiters.DEFAULT);

    @Test
    void a_value_that_is_already_clean_is_written_as_it_is() {
        assertThat(text.clean("99213")).isEqualTo("99213");
        assertThat(text.clean("100 MAIN ST #2")).isEqualTo("100 MAIN ST #2");
    }

    @Test
    void lower_case_spaces_delimiters_and_controls_are_mended() {
        assertThat(text.clean("Main St")).isEqualTo("MAIN ST");
        assertThat(text.clean(" MAIN ST")).isEqualTo("MAIN ST");
        assertThat(text.clean("MAIN ST ")).isEqualTo("MAIN ST");
        assertThat(text.clean("MAIN  ST")).isEqualTo("MAIN ST");
        assertThat(text.clean("MAIN*ST~2")).isEqualTo("MAIN ST 2");
        assertThat(text.clean("MAIN\tST")).isEqualTo("MAIN ST");
        assertThat(text.clean("Muñoz")).isEqualTo("MUNOZ");
        assertThat(text.clean(" ")).isEmpty();
    }

    @Test
    void dates_are_written_as_the_iso_basic_formatter_writes_them() {
        // every day of years around the edges of the four-digit fast path and of the years claims have
        for (int year : new int[]{-1, 0, 1, 999, 1000, 1001, 1899, 1900, 2000, 2024, 2025, 2026, 2027, 9999, 10000, 12345}) {
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                assertThat(written(day)).as("%s", day).isEqualTo(formatted(day));
            }
        }
        Random random = new Random(21);
        for (int i = 0; i < 100_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(random.nextLong(LocalDate.of(-2000, 1, 1).toEpochDay(),
                    LocalDate.of(20000, 1, 1).toEpochDay()));
            assertThat(written(day)).as("%s", day).isEqualTo(formatted(day));
        }
    }

    /** What X12Text writes, or the exception it throws (the formatter refuses negative years). */
    private static String written(LocalDate day) {
        try {
            return X12Text.date(day);
        } catch (DateTimeException e) {
            return e.getClass().getName();
        }
    }

    private static String formatted(LocalDate day) {
        try {
            return day.format(DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeException e) {
            return e.getClass().getName();
        }
    }
}
