package io.claimshub.x12;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.replies.SecondaryClaims;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.ReplyFileReader;
import io.claimshub.x12.replies.X12Replies;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secondary payer's 837P built from the primary's 835: SBR01 S, 2320 with CAS per group, AMT*D and
 * AMT*EAF, OI, 2330A/2330B with REF*F8, and 2430 per line, compared byte for byte with a golden file.
 */
class SecondaryClaim837Test {

    private static final LocalDateTime CREATED = LocalDateTime.of(2024, 4, 2, 9, 30);

    @Test
    void the_secondary_claim_built_from_the_primarys_835_matches_the_golden_file() throws Exception {
        Claim primary = twoCoverages("ACCT2001");
        Remittance remittance = new ReplyFileReader().read(primary835()).remittances().get(0);

        SecondaryClaims.Plan plan = new SecondaryClaims().plan(ClinicConfig.BillSecondary.AUTO, primary,
                X12Fixtures.payer(PayerConfig.Delimiters.DEFAULT), remittance, remittance.claims().get(0), false);

        assertThat(plan.decision()).isEqualTo(SecondaryClaims.Decision.BILL);
        assertThat(plan.reason()).isEqualTo("ACME HEALTH PLAN left 40.00 for BLUE SHIELD; billed to BLUE SHIELD");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Claim837Writer().write(new Interchange837(secondaryPayer(), 77, CREATED, "77", List.of(
                new TransactionSet837("000000077", X12Fixtures.clinic("sunrise", "1234567893"), List.of(plan.claim())))), out);
        try (InputStream golden = getClass().getResourceAsStream("/x12/005010X222A1/secondary-claim.837")) {
            assertThat(out.toString(StandardCharsets.US_ASCII))
                    .isEqualTo(new String(golden.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void a_tertiary_claim_carries_both_earlier_payers_and_sbr01_t() throws Exception {
        Claim primary = twoCoverages("ACCT2001");
        Claim threeCoverages = new Claim(primary.patientControlNumber(), primary.totalCharge(), "1", null, null, null, null,
                primary.patient(), List.of(primary.coverages().get(0), primary.coverages().get(1),
                new Coverage("IN1 #3", "MEDI", "STATE MEDICAID", null, "MCD77", "18", primary.patient())),
                primary.diagnoses(), primary.lines(), List.of());
        Remittance first = new ReplyFileReader().read(primary835()).remittances().get(0);
        Claim secondary = new SecondaryClaims().plan(ClinicConfig.BillSecondary.AUTO, threeCoverages,
                X12Fixtures.payer(PayerConfig.Delimiters.DEFAULT), first, first.claims().get(0), false).claim();
        Remittance second = new ReplyFileReader().read(X12Replies.file().interchange("000000702").group("HP", "702", "005010X221A1")
                .set("835", "0001", "005010X221A1", seg("BPR", "I", "30", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "",
                                "20240420"), seg("TRN", "1", "BLUE1", "1770000000"), seg("N1", "PR", "BLUE SHIELD"),
                        seg("N1", "PE", "SUNRISE", "XX", "1234567893"), seg("LX", "1"),
                        seg("CLP", "ACCT2001", "2", "215.50", "30", "10", "12", "BLUE0001"), seg("CAS", "OA", "23", "175.50"),
                        seg("NM1", "QC", "1", "DOE", "JANE"))
                .bytes()).remittances().get(0);

        SecondaryClaims.Plan tertiary = new SecondaryClaims().plan(ClinicConfig.BillSecondary.AUTO, secondary,
                secondaryPayer(), second, second.claims().get(0), false);

        assertThat(tertiary.decision()).isEqualTo(SecondaryClaims.Decision.BILL);
        assertThat(tertiary.claim().payerResponsibility()).isEqualTo("T");
        assertThat(tertiary.claim().otherPayers()).extracting(o -> o.responsibility() + " " + o.payerId() + " " + o.paid())
                .containsExactly("P 60054 120", "S 77777 30");
        assertThat(tertiary.claim().coverages()).extracting(Coverage::payerKey).containsExactly("MEDI");
    }

    /** The golden file's own claim: Jane Doe, two lines, primary ACME and secondary BLUE SHIELD. */
    static Claim twoCoverages(String clm01) {
        Claim one = X12Fixtures.selfInsured(clm01);
        Coverage blue = new Coverage("IN1 #2", "BLUE", "BLUE SHIELD", "BS200", "XBS55501", "18", one.patient());
        return new Claim(one.patientControlNumber(), one.totalCharge(), one.frequencyCode(), null, null, null, null,
                one.patient(), List.of(one.coverages().get(0), blue), one.diagnoses(), one.lines(), List.of());
    }

    /** ACME pays 120.00 of 215.50: 55.50 contractual (CO-45), 30.00 deductible and 10.00 co-insurance left to the patient. */
    static byte[] primary835() {
        return X12Replies.file().interchange("000000701").group("HP", "701", "005010X221A1")
                .set("835", "0001", "005010X221A1",
                        seg("BPR", "I", "120", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20240328"),
                        seg("TRN", "1", "ACMECHK1", "1600054000"), seg("N1", "PR", "ACME HEALTH PLAN"),
                        seg("N1", "PE", "SUNRISE", "XX", "1234567893"), seg("LX", "1"),
                        seg("CLP", "ACCT2001", "1", "215.50", "120", "40", "12", "ACME0001"),
                        seg("NM1", "QC", "1", "DOE", "JANE"),
                        seg("SVC", comp("HC", "99214", "25"), "145", "100"), seg("DTM", "472", "20240314"),
                        seg("CAS", "CO", "45", "15"), seg("CAS", "PR", "1", "30"), seg("REF", "6R", "ACCT2001-1"),
                        seg("SVC", comp("HC", "87804", "QW", "59"), "70.50", "20"), seg("DTM", "472", "20240314"),
                        seg("CAS", "CO", "45", "40.50"), seg("CAS", "PR", "2", "10"), seg("REF", "6R", "ACCT2001-2"))
                .bytes();
    }

    static PayerConfig secondaryPayer() {
        return new PayerConfig("blue", "BLUE SHIELD", "77777", List.of("BLUE"), "BL",
                new PayerConfig.Interchange("ZZ", "SUNRISEHUB", "ZZ", "BLUESHIELD", "T", null, null),
                new PayerConfig.Batch(5000, Duration.ofMinutes(15)),
                new PayerConfig.Delivery.Folder(Path.of("out")),
                null, PayerConfig.Delimiters.DEFAULT);
    }
}
