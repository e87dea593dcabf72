package io.claimshub.clinicreturn;

import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.clinicreturn.ClaimRemittance.Adjustment;
import io.claimshub.clinicreturn.ClaimRemittance.Line;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RemittanceDftTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void each_line_payment_is_a_py_ft1_and_each_adjustment_an_aj_ft1_under_the_claims_account_number() throws Exception {
        ClaimRemittance remittance = new ClaimRemittance("PCN1001", "PAYER-77", "ACME HEALTH PLAN", "EFT12345",
                LocalDate.of(2026, 11, 18), new BigDecimal("250.00"), new BigDecimal("160.00"), new BigDecimal("20.00"),
                List.of(new Adjustment("OA", "23", new BigDecimal("5.00"))),
                List.of(new Line("99213", "PCN1001-1", new BigDecimal("150.00"), new BigDecimal("100.00"),
                                List.of(new Adjustment("CO", "45", new BigDecimal("30.00")),
                                        new Adjustment("PR", "2", new BigDecimal("20.00")))),
                        new Line("85025", "PCN1001-2", new BigDecimal("100.00"), new BigDecimal("60.00"),
                                List.of(new Adjustment("CO", "45", new BigDecimal("40.00"))))));

        String er7 = new RemittanceDft("CLAIMSHUB", "CLAIMSHUB", CLOCK).build(remittance, "SUNRISE");
        DFT_P03 dft = (DFT_P03) new Hl7Parser().parse(er7);

        assertThat(dft.getMSH().getMessageType().encode()).isEqualTo("DFT^P03^DFT_P03");
        assertThat(dft.getMSH().getReceivingFacility().getNamespaceID().getValue()).isEqualTo("SUNRISE");
        assertThat(dft.getPID().getPatientAccountNumber().getIDNumber().getValue()).isEqualTo("PCN1001");
        assertThat(dft.getPID().getPatientName(0).getFamilyName().getSurname().getValue()).isNull();
        List<String> postings = new ArrayList<>();
        for (int i = 0; i < dft.getFINANCIALReps(); i++) {
            FT1 ft1 = dft.getFINANCIAL(i).getFT1();
            assertThat(ft1.getTransactionID().getValue()).isEqualTo("EFT12345");
            assertThat(ft1.getTransactionDate().getRangeStartDateTime().getTime().getValue()).isEqualTo("20261118");
            postings.add(ft1.getTransactionType().getValue() + " " + ft1.getTransactionCode().getIdentifier().getValue()
                    + " " + ft1.getTransactionAmountExtended().getPrice().getQuantity().getValue()
                    + " " + ft1.getProcedureCode().getIdentifier().getValue());
        }
        assertThat(postings).containsExactly(
                "PY PAYMENT 100.00 99213", "AJ CO-45 30.00 99213", "AJ PR-2 20.00 99213",
                "PY PAYMENT 60.00 85025", "AJ CO-45 40.00 85025",
                "AJ OA-23 5.00 null");
        assertThat(dft.getFINANCIAL(1).getFT1().getTransactionCode().getText().getValue()).isEqualTo("contractual obligation");
    }

    @Test
    void a_claim_without_lines_is_one_payment_and_every_message_has_its_own_control_id() throws Exception {
        ClaimRemittance denied = new ClaimRemittance("PCN2", null, "ACME", "CHK9", LocalDate.of(2026, 11, 18),
                new BigDecimal("80.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                List.of(new Adjustment("CO", "29", new BigDecimal("80.00"))), List.of());
        RemittanceDft builder = new RemittanceDft("CLAIMSHUB", "CLAIMSHUB", CLOCK);
        DFT_P03 first = (DFT_P03) new Hl7Parser().parse(builder.build(denied, "SUNRISE"));
        DFT_P03 second = (DFT_P03) new Hl7Parser().parse(builder.build(denied, "SUNRISE"));

        assertThat(first.getFINANCIALReps()).isEqualTo(2);
        assertThat(first.getFINANCIAL(0).getFT1().getTransactionType().getValue()).isEqualTo("PY");
        assertThat(first.getFINANCIAL(0).getFT1().getTransactionAmountExtended().getPrice().getQuantity().getValue()).isEqualTo("0");
        assertThat(first.getFINANCIAL(1).getFT1().getTransactionCode().getIdentifier().getValue()).isEqualTo("CO-29");
        assertThat(first.getMSH().getMessageControlID().getValue())
                .isNotEqualTo(second.getMSH().getMessageControlID().getValue());
    }
}
