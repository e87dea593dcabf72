package io.claimshub.simulator;

import io.claimshub.x12.X12TestReader;
import io.claimshub.x12.X12TestReader.Segment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.claimshub.simulator.SimulatorFixtures.golden;
import static io.claimshub.simulator.SimulatorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

class Remit835WriterTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2024, 3, 28, 8, 0);

    private static X12TestReader remit(SimulatorRules rules) throws Exception {
        return X12TestReader.read(new Remit835Writer(rules, "ACME HEALTH PLAN", "60054").write(read(golden()), 31, NOW));
    }

    @Test
    void pays_the_configured_share_of_each_line_with_co45_and_pr2_adjustments() throws Exception {
        X12TestReader remit = remit(new SimulatorRules(null, null, null, new BigDecimal("0.8"), new BigDecimal("0.1"), "96"));

        assertThat(remit.values("ST", 3)).containsExactly("005010X221A1");
        assertThat(remit.values("CLP", 1)).containsExactly("ACCT1001", "ACCT1002");
        assertThat(remit.values("CLP", 2)).containsExactly("1", "1");
        assertThat(remit.values("CLP", 3)).containsExactly("215.5", "215.5");
        assertThat(remit.values("CLP", 4)).containsExactly("172.4", "172.4");
        assertThat(remit.values("CLP", 5)).containsExactly("21.55", "21.55");
        assertThat(remit.values("CLP", 7)).containsExactly(SimulatorRules.payerClaimNumber("ACCT1001"),
                SimulatorRules.payerClaimNumber("ACCT1002"));
        assertThat(remit.segments("SVC").get(0).components(1)).containsExactly("HC", "99214", "25");
        assertThat(remit.values("SVC", 3)).containsExactly("116", "56.4", "116", "56.4");
        assertThat(remit.segments("CAS")).extracting(s -> s.element(1) + "-" + s.element(2) + "=" + s.element(3))
                .startsWith("CO-45=14.5", "PR-2=14.5", "CO-45=7.05", "PR-2=7.05");
        assertThat(remit.segments("REF").stream().filter(s -> s.element(1).equals("6R")).map(s -> s.element(2)))
                .containsExactly("ACCT1001-1", "ACCT1001-2", "ACCT1002-1", "ACCT1002-2");
        assertThat(remit.values("BPR", 2)).containsExactly("344.8");
        assertThat(remit.values("BPR", 16)).containsExactly("20240328");
        assertThat(remit.values("TRN", 2)).containsExactly(Remit835Writer.eftNumber(31, 1));
    }

    @Test
    void a_secondary_claim_is_answered_as_processed_as_secondary_paying_what_the_primary_left() throws Exception {
        String secondary;
        try (var in = getClass().getResourceAsStream("/x12/005010X222A1/secondary-claim.837")) {
            secondary = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        Received837 received = read(secondary);

        X12TestReader remit = X12TestReader.read(new Remit835Writer(new SimulatorRules(null, null, null,
                new BigDecimal("0.8"), new BigDecimal("0.1"), "96"), "BLUE SHIELD", "77777").write(received, 32, NOW));

        assertThat(received.groups().get(0).sets().get(0).claims().get(0).subscriber().id())
                .as("the 2000B subscriber, not the earlier payer's (2330A)").isEqualTo("XBS55501");
        assertThat(remit.values("CLP", 2)).containsExactly("2");
        assertThat(remit.values("CLP", 3)).containsExactly("215.5");
        assertThat(remit.values("CLP", 4)).as("AMT*EAF of the primary").containsExactly("40");
        assertThat(remit.values("SVC", 3)).as("145 − 100 primary paid, then what is left of 40").containsExactly("40", "0");
        assertThat(remit.segments("CAS")).extracting(c -> c.element(1) + "-" + c.element(2) + "=" + c.element(3))
                .containsExactly("OA-23=105", "OA-23=70.5");
        assertThat(remit.values("BPR", 2)).containsExactly("40");
    }

    @Test
    void every_claim_balances_charge_minus_paid_against_its_adjustments() throws Exception {
        X12TestReader remit = remit(new SimulatorRules(null, null, null, new BigDecimal("0.73"), new BigDecimal("0.07"), "96"));

        List<List<Segment>> claims = new ArrayList<>();
        for (Segment segment : remit.segments()) {
            if (segment.tag().equals("CLP")) {
                claims.add(new ArrayList<>());
            }
            if (!claims.isEmpty()) {
                claims.get(claims.size() - 1).add(segment);
            }
        }
        BigDecimal paidTotal = BigDecimal.ZERO;
        for (List<Segment> claim : claims) {
            Segment clp = claim.get(0);
            BigDecimal adjustments = claim.stream().filter(s -> s.tag().equals("CAS"))
                    .map(s -> new BigDecimal(s.element(3))).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal linesPaid = claim.stream().filter(s -> s.tag().equals("SVC"))
                    .map(s -> new BigDecimal(s.element(3))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(clp.element(3)).subtract(new BigDecimal(clp.element(4))))
                    .isEqualByComparingTo(adjustments);
            assertThat(linesPaid).isEqualByComparingTo(clp.element(4));
            paidTotal = paidTotal.add(new BigDecimal(clp.element(4)));
        }
        assertThat(new BigDecimal(remit.values("BPR", 2).get(0))).isEqualByComparingTo(paidTotal);
    }

    @Test
    void denies_claims_over_the_limit_and_leaves_out_claims_the_277ca_rejected() throws Exception {
        X12TestReader remit = remit(new SimulatorRules(Pattern.compile("W999"), null, new BigDecimal("200"),
                new BigDecimal("0.8"), BigDecimal.ZERO, "96"));

        assertThat(remit.values("CLP", 1)).containsExactly("ACCT1001");
        assertThat(remit.values("CLP", 2)).containsExactly("4");
        assertThat(remit.values("CLP", 4)).containsExactly("0");
        assertThat(remit.segments("CAS")).extracting(s -> s.element(1) + "-" + s.element(2) + "=" + s.element(3))
                .containsExactly("CO-96=145", "CO-96=70.5");
        assertThat(remit.values("BPR", 1)).containsExactly("H");
        assertThat(remit.values("BPR", 16)).containsExactly("20240328");
    }
}
