package io.claimshub.replies;

import io.claimshub.ledger.ClaimStatus;
import io.claimshub.x12.replies.ClaimAck;
import io.claimshub.x12.replies.ImplementationAck;
import io.claimshub.x12.replies.InterchangeAck;
import io.claimshub.x12.replies.Remittance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statuses of docs/replies.md ("Statuses set by replies"), row by row. */
class ReplyOutcomeMapperTest {

    private final ReplyOutcomeMapper outcomes = new ReplyOutcomeMapper(new ReplyCodes());

    @ParameterizedTest(name = "TA1 {0} -> {1}")
    @CsvSource({"A, ", "E, ", "R, PAYER_REJECTED"})
    void a_ta1_rejects_the_interchange_only_when_its_code_is_R(String code, ClaimStatus expected) {
        assertThat(outcomes.interchangeAck(new InterchangeAck("000000001", "261101", "1200", code, "000", "9")).status())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "999 IK5 {0} -> {1}")
    @CsvSource({"A, ACKNOWLEDGED", "E, ACKNOWLEDGED", "R, PAYER_REJECTED", "M, PAYER_REJECTED", "X, PAYER_REJECTED"})
    void a_999_set_is_acknowledged_with_A_or_E_and_rejected_otherwise(String code, ClaimStatus expected) {
        ImplementationAck.SetAck set = new ImplementationAck.SetAck("837", "0001", code, List.of(), List.of());
        ImplementationAck ack = new ImplementationAck("9", "0001", "HC", "1", "005010X222A1", List.of(set), code, List.of());

        assertThat(outcomes.setAck(ack, set).status()).isEqualTo(expected);
    }

    @Test
    void a_999_that_rejects_the_whole_group_without_naming_sets_rejects_with_the_ak9_code() {
        ImplementationAck ack = new ImplementationAck("9", "0001", "HC", "1", "005010X222A1", List.of(), "R", List.of("2"));

        ReplyOutcome outcome = outcomes.groupAck(ack);

        assertThat(outcome.status()).isEqualTo(ClaimStatus.PAYER_REJECTED);
        assertThat(outcome.reasons()).contains(new ClaimStatusRecord.Reason("AK9-1 R", "Rejected"));
    }

    @ParameterizedTest(name = "277CA {0} -> {1}")
    @CsvSource({"A1, ACCEPTED", "A2, ACCEPTED", "A3, PAYER_REJECTED", "A6, PAYER_REJECTED", "A7, PAYER_REJECTED",
            "A8, PAYER_REJECTED", "A4, ", "A0, "})
    void a_277ca_category_decides_accepted_or_rejected(String category, ClaimStatus expected) {
        ClaimAck ack = new ClaimAck("9", "ACC1", "", "XX", "1234567893", null, List.of(new ClaimAck.Status(category, "21", "", "")));

        assertThat(outcomes.claimAck(ack).status()).isEqualTo(expected);
    }

    @Test
    void a_277ca_rejection_of_one_service_line_rejects_the_claim_and_names_the_line() {
        ClaimAck ack = new ClaimAck("9", "ACC1", "PCN", "XX", "1234567893", null, List.of(
                new ClaimAck.Status("A2", "20", "", ""), new ClaimAck.Status("A7", "454", "", "ACC1-2")));

        ReplyOutcome outcome = outcomes.claimAck(ack);

        assertThat(outcome.status()).isEqualTo(ClaimStatus.PAYER_REJECTED);
        assertThat(outcome.reasons()).contains(new ClaimStatusRecord.Reason("line ACC1-2 STC A7:454",
                "Acknowledgement / rejected for invalid information; Procedure code for services rendered"));
    }

    @ParameterizedTest(name = "835 CLP02 {0}, charge {1}, paid {2}, patient {3}, CAS {4} -> {5}")
    @CsvSource({
            "1,  100, 100, 0,  ,             PAID",
            "1,  100, 70,  10, CO-45-20,     PAID",
            "2,  100, 30,  0,  CO-131-70,    PAID",
            "1,  100, 0,   100, ,            PAID",
            "1,  100, 60,  0,  CO-50-40,     PARTIALLY_PAID",
            "1,  100, 0,   0,  CO-50-100,    DENIED",
            "4,  100, 0,   0,  CO-29-100,    DENIED",
            "22, -100, -100, 0, ,            REVERSED",
            "23, 100, 0,   0,  ,             ",
            "3,  100, 40,  0,  OA-23-60,     PAID",
            "19, 100, 80,  20, ,             PAID",
            "20, 100, 10,  0,  OA-23-90,     PAID",
            "21, 100, 0,   0,  OA-23-100,    PAID",
            "19, 100, 50,  0,  CO-16-50,     PARTIALLY_PAID",
            "25, 100, 0,   0,  CO-45-20,     ",
            "99, 100, 100, 0,  ,             ",
            "1,  100, 60,  0,  ,             PARTIALLY_PAID",
            "1,  100, 60,  0,  CO-B99-40,    PARTIALLY_PAID",
            "1,  100, 60,  0,  PI-45-40,     PAID",
            "1,  800, 450, 300, CO-A2-50,    PAID",
            "2,  541, 34,  0,  OA-23-507,    PAID",
            "2,  100, 0,   0,  OA-23-100,    PAID"})
    void an_835_claim_status_follows_clp02_and_the_amounts(String clp02, String charge, String paid, String patient,
                                                          String cas, ClaimStatus expected) {
        List<Remittance.Adjustment> adjustments = new ArrayList<>();
        if (cas != null) {
            String[] parts = cas.split("-");
            adjustments.add(new Remittance.Adjustment(parts[0], parts[1], new BigDecimal(parts[2])));
        }
        Remittance.ClaimPayment claim = new Remittance.ClaimPayment("ACC1", clp02, new BigDecimal(charge),
                new BigDecimal(paid), new BigDecimal(patient), null, "PCN", adjustments, List.of(), List.of(), List.of(), 0, 1);

        assertThat(outcomes.status(claim)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "CLP02 {0} with remark {1}: forwarded {2}")
    @CsvSource({"1, , false", "19, , true", "20, , true", "21, , true", "1, MA18, true", "2, N89, true", "1, MA02, false"})
    void a_claim_the_payer_forwarded_itself_is_marked_forwarded(String clp02, String remark, boolean forwarded) {
        Remittance.ClaimPayment claim = new Remittance.ClaimPayment("ACC1", clp02, new BigDecimal("100"),
                new BigDecimal("80"), new BigDecimal("20"), null, "PCN", List.of(),
                remark == null ? List.of() : List.of(remark), List.of(), List.of(), 0, 1);
        Remittance remittance = new Remittance("9", "0001", "CHK1", null, new BigDecimal("80"), "", "", List.of(claim),
                List.of(), List.of());

        ReplyOutcome outcome = outcomes.claimPayment(remittance, claim);

        assertThat(outcome.forwarded()).isEqualTo(forwarded);
        assertThat(outcome.reasons().stream().anyMatch(r -> r.code().equals("forwarded"))).isEqualTo(forwarded);
    }

    @Test
    void a_site_table_adds_codes_and_overrides_words_and_meanings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path table = dir.resolve("codes.tsv");
        java.nio.file.Files.writeString(table, "# site table\ncarc\tB99\treduction\tSite words for B99\n"
                + "carc\t45\tdenial\tSite words for 45\nrarc\tN999\tforwarded\tSite remark\n");
        ReplyCodes site = new ReplyCodes(table);

        assertThat(site.words("carc", "B99")).isEqualTo("Site words for B99");
        assertThat(site.meaning("carc", "45")).contains(ReplyCodes.Meaning.DENIAL);
        assertThat(site.words("carc", "50")).isEqualTo(new ReplyCodes().words("carc", "50"));
        assertThat(site.meaning("rarc", "N999")).contains(ReplyCodes.Meaning.FORWARDED);
        assertThat(new ReplyCodes().meaning("carc", "B99")).isEmpty();
    }

    @Test
    void a_broken_site_table_is_refused_with_its_line() throws Exception {
        java.nio.file.Path table = java.nio.file.Files.createTempFile("codes", ".tsv");
        java.nio.file.Files.writeString(table, "carc\t45\tcontractual\tWords\n");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReplyCodes(table))
                    .hasMessageContaining("line 1: unknown meaning 'contractual'");
        } finally {
            java.nio.file.Files.delete(table);
        }
    }

    @Test
    void codes_missing_from_the_table_still_read_as_a_sentence() {
        assertThat(new ReplyCodes().words("carc", "B99")).isEqualTo("code B99 (not in the hub's code table)");
        assertThat(new ReplyCodes().words("ik5err", "005")).isEqualTo("One or more segments in error");
    }
}
