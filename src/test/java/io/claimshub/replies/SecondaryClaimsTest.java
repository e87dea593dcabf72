package io.claimshub.replies;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Person;
import io.claimshub.config.ClinicConfig.BillSecondary;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.replies.Remittance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether the primary's 835 leads to a claim for the next payer, row by row (docs/remittances.md, "Secondary claims"). */
class SecondaryClaimsTest {

    private static final PayerConfig ACME = new PayerConfig("acme", "ACME HEALTH PLAN", "60054", List.of("ACME"), "CI",
            null, null, null, null, null);

    @ParameterizedTest(name = "{0}: CLP02 {1}, paid {2}, CAS {3}, coverages {4}, forwarded {5} -> {6}")
    @CsvSource({
            "AUTO,   1,  70,  CO-45-10 PR-1-20, 2, false, BILL",
            "REVIEW, 1,  70,  CO-45-10 PR-1-20, 2, false, REVIEW",
            "OFF,    1,  70,  CO-45-10 PR-1-20, 2, false, OFF",
            "AUTO,   19, 70,  CO-45-10 PR-1-20, 2, true,  FORWARDED",
            "AUTO,   1,  70,  CO-45-10 PR-1-20, 1, false, NO_OTHER_COVERAGE",
            "AUTO,   1,  90,  CO-45-10,         2, false, NO_BALANCE",
            "AUTO,   4,  0,   CO-29-100,        2, false, NO_BALANCE",
            "AUTO,   4,  0,   PR-204-100,       2, false, BILL",
            "AUTO,   22, -70, ,                 2, false, NOT_ADJUDICATED",
            "AUTO,   23, 0,   ,                 2, false, NOT_ADJUDICATED"})
    void the_next_payer_is_billed_only_for_a_balance_left_by_an_adjudicated_claim(BillSecondary setting, String clp02,
            String paid, String cas, int coverages, boolean forwarded, SecondaryClaims.Decision expected) {
        List<Remittance.Adjustment> adjustments = new ArrayList<>();
        if (cas != null) {
            for (String one : cas.trim().split(" ")) {
                String[] parts = one.split("-");
                adjustments.add(new Remittance.Adjustment(parts[0], parts[1], new BigDecimal(parts[2])));
            }
        }
        Remittance.ClaimPayment payment = new Remittance.ClaimPayment("ACC1", clp02, new BigDecimal("100"),
                new BigDecimal(paid), BigDecimal.ZERO, null, "PCN1", adjustments, List.of(), List.of(), List.of(), 0, 1);
        Remittance remittance = new Remittance("9", "0001", "CHK1", LocalDate.of(2026, 11, 20), new BigDecimal(paid), "", "",
                List.of(payment), List.of(), List.of());

        SecondaryClaims.Plan plan = new SecondaryClaims().plan(setting, claim(coverages), ACME, remittance, payment, forwarded);

        assertThat(plan.decision()).isEqualTo(expected);
        assertThat(plan.claim() != null).isEqualTo(expected == SecondaryClaims.Decision.BILL
                || expected == SecondaryClaims.Decision.REVIEW);
        if (plan.claim() != null) {
            assertThat(plan.claim().payerResponsibility()).isEqualTo("S");
            assertThat(plan.claim().otherPayers().get(0).payerClaimNumber()).isEqualTo("PCN1");
            assertThat(plan.claim().coverages()).extracting(Coverage::payerKey).containsExactly("BLUE");
        }
    }

    private static Claim claim(int coverages) {
        Person patient = new Person("DOE", "JANE", null, LocalDate.of(1980, 2, 15), "F", null);
        List<Coverage> all = new ArrayList<>(List.of(new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", null, "W1", "18", patient)));
        if (coverages > 1) {
            all.add(new Coverage("IN1 #2", "BLUE", "BLUE SHIELD", null, "B1", "18", patient));
        }
        return new Claim("ACC1", new BigDecimal("100"), "1", null, null, null, null, patient, all, List.of(), List.of(),
                List.of());
    }
}
