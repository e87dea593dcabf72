package io.claimshub.simulator;

import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static io.claimshub.simulator.SimulatorFixtures.golden;
import static io.claimshub.simulator.SimulatorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

class Ack999WriterTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2024, 3, 21, 9, 30);

    private X12TestReader ack(String x12) throws Exception {
        return X12TestReader.read(new Ack999Writer().write(read(x12), 77, NOW));
    }

    @Test
    void accepts_a_well_formed_837_naming_its_group_and_transaction_set() throws Exception {
        X12TestReader ack = ack(golden());

        assertThat(ack.values("ISA", 6)).containsExactly("ACMEHP         ");
        assertThat(ack.values("ISA", 8)).containsExactly("SUNRISEHUB     ");
        assertThat(ack.values("ISA", 13)).containsExactly("000000077");
        assertThat(ack.values("GS", 1)).containsExactly("FA");
        assertThat(ack.values("ST", 3)).containsExactly("005010X231A1");
        assertThat(ack.segments("AK1").get(0).elements()).extracting(e -> e.get(0)).containsExactly("HC", "123", "005010X222A1");
        assertThat(ack.values("AK2", 2)).containsExactly("000000123");
        assertThat(ack.values("IK5", 1)).containsExactly("A");
        assertThat(ack.segments("IK3")).isEmpty();
        assertThat(ack.segments("AK9").get(0).elements()).extracting(e -> e.get(0)).containsExactly("A", "1", "1", "1");
    }

    @Test
    void rejects_a_malformed_claim_with_ik3_and_ik4_naming_segment_and_element() throws Exception {
        X12TestReader ack = ack(golden().replace("CLM*ACCT1001*215.5", "CLM*ACCT1001*21X5"));

        assertThat(ack.segments("IK3")).singleElement().satisfies(ik3 ->
                assertThat(ik3.elements()).extracting(e -> e.get(0)).containsExactly("CLM", "19", "2300", "8"));
        assertThat(ack.segments("IK4")).singleElement().satisfies(ik4 ->
                assertThat(ik4.elements()).extracting(e -> e.get(0)).containsExactly("2", "782", "6", "21X5"));
        assertThat(ack.segments("IK5").get(0).elements()).extracting(e -> e.get(0)).containsExactly("R", "5");
        assertThat(ack.segments("AK9").get(0).elements()).extracting(e -> e.get(0)).containsExactly("R", "1", "1", "0");
    }

    @Test
    void a_wrong_segment_count_rejects_the_set_with_ik5_code_4() throws Exception {
        X12TestReader ack = ack(golden().replace("SE*53*", "SE*50*"));

        assertThat(ack.segments("IK3").get(0).elements()).extracting(e -> e.get(0)).containsExactly("SE", "53", "", "8");
        assertThat(ack.segments("IK4").get(0).element(1)).isEqualTo("1");
        assertThat(ack.segments("IK5").get(0).elements()).extracting(e -> e.get(0)).containsExactly("R", "4", "5");
    }

    @Test
    void a_missing_billing_provider_is_a_missing_segment_in_loop_2010aa() throws Exception {
        X12TestReader ack = ack(golden().replace("NM1*85*", "NM1*87*"));

        assertThat(ack.segments("IK3").get(0).elements()).extracting(e -> e.get(0)).containsExactly("NM1", "12", "2010AA", "3");
        assertThat(ack.values("IK5", 1)).containsExactly("R");
    }

    @Test
    void group_trailer_mismatch_rejects_the_group_with_ak905_4() throws Exception {
        X12TestReader ack = ack(golden().replace("GE*1*123", "GE*1*124"));

        assertThat(ack.segments("AK9").get(0).elements()).extracting(e -> e.get(0)).containsExactly("R", "1", "1", "0", "4");
    }
}
