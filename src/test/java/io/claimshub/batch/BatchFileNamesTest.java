package io.claimshub.batch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch file names: payer, UTC time, ISA13 in nine digits; the ISA13 is read back only from such a name. */
class BatchFileNamesTest {

    private static final Instant CREATED = Instant.parse("2026-11-02T09:30:05.789Z");

    @Test
    void an_837_and_a_pdf_are_named_by_payer_utc_time_and_nine_digit_control_number() {
        assertThat(BatchFileNames.of("acme", CREATED, 42)).isEqualTo("acme-20261102T093005Z-000000042.837");
        assertThat(BatchFileNames.pdf("autoins", CREATED, 7)).isEqualTo("autoins-20261102T093005Z-000000007.pdf");
    }

    @Test
    void the_control_number_is_read_back_from_a_name_made_for_the_same_payer_only() {
        String name = BatchFileNames.of("blue-cross", CREATED, 123456789);

        assertThat(BatchFileNames.controlNumber("blue-cross", name)).isEqualTo(OptionalLong.of(123456789));
        assertThat(BatchFileNames.controlNumber("cross", name)).isEmpty();
        assertThat(BatchFileNames.controlNumber("blue-cross", "blue-cross-20261102T093005Z-12345.837")).isEmpty();
        assertThat(BatchFileNames.controlNumber("autoins", BatchFileNames.pdf("autoins", CREATED, 7))).isEmpty();
    }

    @Test
    void names_sort_by_time() {
        assertThat(BatchFileNames.of("acme", CREATED, 900))
                .isLessThan(BatchFileNames.of("acme", CREATED.plusSeconds(1), 100));
    }
}
