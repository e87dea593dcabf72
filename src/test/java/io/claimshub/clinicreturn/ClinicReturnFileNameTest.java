package io.claimshub.clinicreturn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicReturnFileNameTest {

    @Test
    void a_reply_landed_under_a_generic_x12_name_reaches_the_clinic_named_after_its_kind() {
        assertThat(ClinicReturn.kindExtension("20261129T041426409Z-b5fc8600e8662780.x12", "835"))
                .isEqualTo("20261129T041426409Z-b5fc8600e8662780.835");
        assertThat(ClinicReturn.kindExtension("a.X12", "277CA")).isEqualTo("a.277ca");
        assertThat(ClinicReturn.kindExtension("a.x12", "999+277CA")).isEqualTo("a.999-277ca");
    }

    @Test
    void a_payer_file_name_that_already_says_what_it_is_is_kept() {
        assertThat(ClinicReturn.kindExtension("era.835", "835")).isEqualTo("era.835");
        assertThat(ClinicReturn.kindExtension("ack.999", "999")).isEqualTo("ack.999");
        assertThat(ClinicReturn.kindExtension("odd.x12", "empty")).isEqualTo("odd.x12");
    }
}
