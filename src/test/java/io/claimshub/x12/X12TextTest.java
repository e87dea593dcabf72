package io.claimshub.x12;

import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

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
}
