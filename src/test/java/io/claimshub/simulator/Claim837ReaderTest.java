package io.claimshub.simulator;

import io.claimshub.simulator.Received837.SegmentError;
import io.claimshub.simulator.Received837.TransactionSet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.claimshub.simulator.SimulatorFixtures.golden;
import static io.claimshub.simulator.SimulatorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Claim837ReaderTest {

    @Test
    void reads_control_numbers_claims_and_line_control_numbers_of_the_hubs_837() throws Exception {
        Received837 received = read(golden());

        assertThat(received.envelope().controlNumber()).isEqualTo("000000123");
        assertThat(received.envelope().senderId()).isEqualTo("SUNRISEHUB");
        assertThat(received.interchangeErrors()).isEmpty();
        assertThat(received.groups()).singleElement().satisfies(group -> {
            assertThat(group.controlNumber()).isEqualTo("123");
            assertThat(group.version()).isEqualTo("005010X222A1");
        });
        TransactionSet set = received.groups().get(0).sets().get(0);
        assertThat(set.controlNumber()).isEqualTo("000000123");
        assertThat(set.accepted()).isTrue();
        assertThat(set.billingProvider().id()).isEqualTo("1234567893");
        assertThat(set.claims()).extracting(Received837.Claim::id).containsExactly("ACCT1001", "ACCT1002");
        assertThat(set.claims()).extracting(c -> c.subscriber().id()).containsExactly("W123456789", "W999");
        assertThat(set.claims().get(0).charge()).isEqualByComparingTo("215.50");
        assertThat(set.claims().get(0).lines()).extracting(Received837.Line::controlNumber)
                .containsExactly("ACCT1001-1", "ACCT1001-2");
        assertThat(set.claims().get(0).lines().get(1).procedure()).containsExactly("HC", "87804", "QW", "59");
        assertThat(set.claims().get(0).lines().get(1).charge()).isEqualByComparingTo(new BigDecimal("70.5"));
    }

    @Test
    void a_line_without_ref_6r_is_known_by_its_lx_number() throws Exception {
        Received837 received = read(golden().replace("REF*6R*ACCT1001-2~", "").replace("SE*53*", "SE*52*"));

        TransactionSet set = received.groups().get(0).sets().get(0);
        assertThat(set.accepted()).isTrue();
        assertThat(set.claims().get(0).lines()).extracting(Received837.Line::controlNumber)
                .containsExactly("ACCT1001-1", "2");
    }

    @Test
    void a_wrong_se01_count_is_a_set_error_4_on_the_se_segment() throws Exception {
        TransactionSet set = read(golden().replace("SE*53*", "SE*50*")).groups().get(0).sets().get(0);

        assertThat(set.accepted()).isFalse();
        assertThat(set.setErrorCode()).isEqualTo("4");
        assertThat(set.errors()).singleElement().satisfies(error -> {
            assertThat(error.tag()).isEqualTo("SE");
            assertThat(error.position()).isEqualTo(53);
            assertThat(error.elements()).extracting(Received837.ElementError::position).containsExactly(1);
        });
    }

    @Test
    void a_charge_that_is_not_a_number_names_clm02_with_code_6() throws Exception {
        TransactionSet set = read(golden().replace("CLM*ACCT1001*215.5", "CLM*ACCT1001*21X5")).groups().get(0).sets().get(0);

        SegmentError error = set.errors().get(0);
        assertThat(error.tag()).isEqualTo("CLM");
        assertThat(error.position()).isEqualTo(19);
        assertThat(error.loop()).isEqualTo("2300");
        assertThat(error.code()).isEqualTo("8");
        assertThat(error.elements()).singleElement().satisfies(element -> {
            assertThat(element.position()).isEqualTo(2);
            assertThat(element.reference()).isEqualTo("782");
            assertThat(element.code()).isEqualTo("6");
            assertThat(element.badValue()).isEqualTo("21X5");
        });
    }

    @Test
    void a_missing_billing_provider_and_a_subscriber_without_claim_are_missing_segments() throws Exception {
        String noBilling = golden().replace("NM1*85*", "NM1*87*");
        String noClaim = golden().replace("CLM*ACCT1002*", "XYZ*ACCT1002*");

        assertThat(read(noBilling).groups().get(0).sets().get(0).errors())
                .extracting(SegmentError::tag, SegmentError::loop, SegmentError::code, SegmentError::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NM1", "2010AA", "3", 12));
        assertThat(read(noClaim).groups().get(0).sets().get(0).errors())
                .extracting(SegmentError::tag, SegmentError::loop, SegmentError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CLM", "2300", "3"));
    }

    @Test
    void a_broken_interchange_trailer_is_an_interchange_error() throws Exception {
        assertThat(read(golden().replace("IEA*1*000000123", "IEA*1*000000124")).interchangeErrors()).containsExactly("001");
        assertThat(read(golden().replace("*240320*1405*", "*241399*1405*")).interchangeErrors()).containsExactly("014");
    }

    @Test
    void a_file_without_an_isa_is_unreadable() {
        assertThatThrownBy(() -> read("hello, this is not X12"))
                .isInstanceOf(Unreadable837Exception.class)
                .hasMessageContaining("no readable ISA");
    }
}
