package io.claimshub.simulator;

import io.claimshub.simulator.Received837.Claim;
import io.claimshub.simulator.Received837.Party;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorRulesTest {

    private final SimulatorRules rules = new SimulatorRules(Pattern.compile("REJ.*"), Pattern.compile("BAD.*"),
            new BigDecimal("1000"), new BigDecimal("0.8"), BigDecimal.ZERO, "96");

    private static Claim claim(String id, String memberId, String charge) {
        return new Claim(id, new BigDecimal(charge), new Party("DOE", "JANE", memberId), null, List.of());
    }

    @Test
    void a_member_id_matching_the_pattern_is_rejected_with_a7_164() {
        assertThat(rules.acknowledgement(claim("A1", "REJ123", "10"))).containsExactly("A7", "164", "IL");
        assertThat(rules.acknowledgement(claim("A1", "XREJ123", "10"))).containsExactly("A2", "20");
    }

    @Test
    void a_claim_id_matching_the_pattern_is_rejected_with_a3_21() {
        assertThat(rules.accepted(claim("BAD-1", "W1", "10"))).isFalse();
        assertThat(rules.acknowledgement(claim("BAD-1", "W1", "10"))).containsExactly("A3", "21");
    }

    @Test
    void only_claims_over_the_limit_are_denied() {
        assertThat(rules.denied(claim("A1", "W1", "1000.00"))).isFalse();
        assertThat(rules.denied(claim("A1", "W1", "1000.01"))).isTrue();
        assertThat(SimulatorRules.defaults().denied(claim("A1", "W1", "99999"))).isFalse();
    }

    @Test
    void payer_claim_numbers_are_the_same_for_the_same_claim_and_differ_between_claims() {
        assertThat(SimulatorRules.payerClaimNumber("ACCT1001")).isEqualTo(SimulatorRules.payerClaimNumber("ACCT1001"))
                .matches("SIM[0-9A-F]{12}")
                .isNotEqualTo(SimulatorRules.payerClaimNumber("ACCT1002"));
    }
}
