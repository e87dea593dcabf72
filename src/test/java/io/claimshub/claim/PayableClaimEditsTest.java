package io.claimshub.claim;

import io.claimshub.codesets.CodeSetFolder;
import io.claimshub.codesets.CodeSets;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.claimshub.claim.ClaimFixtures.PATIENT;
import static io.claimshub.claim.ClaimFixtures.coverage;
import static org.assertj.core.api.Assertions.assertThat;

/** The edits added for claims a payer pays: code sets by fiscal year, identifiers, dates, providers, drugs. */
class PayableClaimEditsTest {

    private static final Clock DEC_2025 = Clock.fixed(Instant.parse("2025-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final CodeSets FIXTURES = CodeSetFolder.load(Path.of("src/test/resources/codesets"), DEC_2025,
            Duration.ofDays(1)).current();
    private static final Provider WELBY = new Provider("1245319599", "Welby", "Marcus");

    private static List<String> texts(Clock clock, Claim claim, int timelyFilingDays) {
        PartnerConfig base = ClaimFixtures.partners();
        PayerConfig acme = base.payers().get(0);
        PayerConfig payer = new PayerConfig(acme.id(), acme.name(), acme.payerId(), acme.match(), acme.claimFilingIndicator(),
                acme.interchange(), acme.batch(), acme.delivery(), acme.replies(), acme.delimiters(), timelyFilingDays, false);
        return new ClaimEdits(clock, () -> FIXTURES).check(claim,
                        new PartnerConfig(base.clinics(), List.of(payer)).editContext(ClaimFixtures.clinic(), claim))
                .stream().map(Reason::text).toList();
    }

    private static ServiceLine line(LocalDate date, String code, List<Integer> pointers) {
        return new ServiceLine("FT1 #1", "L1", date, code, List.of(), BigDecimal.ONE, new BigDecimal("100"), pointers, WELBY);
    }

    private static Claim claim(List<Diagnosis> diagnoses, ServiceLine... lines) {
        return ClaimFixtures.claim(List.of(lines), diagnoses, List.of(coverage("18", PATIENT)));
    }

    @Test
    void a_code_new_in_fy2026_is_refused_on_30_september_2025_and_taken_on_1_october() {
        List<Diagnosis> remission = List.of(new Diagnosis("E11A", "DG1 #1"));

        assertThat(texts(DEC_2025, claim(remission, line(LocalDate.of(2025, 9, 30), "99213", List.of(1))), 1098)).containsExactly(
                "line 1 (99213, 2025-09-30): diagnosis E11A (DG1 #1) is not in ICD-10-CM FY2025 (1 Oct 2024 – 30 Sep 2025)"
                        + " (deleted, not yet valid, or mistyped) for the date of service");
        assertThat(texts(DEC_2025, claim(remission, line(LocalDate.of(2025, 10, 1), "99213", List.of(1))), 1098)).isEmpty();
    }

    @Test
    void a_diagnosis_no_line_points_at_is_judged_by_the_first_date_of_service() {
        List<Diagnosis> two = List.of(new Diagnosis("J209", "DG1 #1"), new Diagnosis("J20", "DG1 #2"));

        assertThat(texts(DEC_2025, claim(two, line(LocalDate.of(2025, 11, 3), "99213", List.of(1))), 365)).containsExactly(
                "claim: diagnosis J20 (DG1 #2) is a category heading in ICD-10-CM FY2026 (1 Oct 2025 – 30 Sep 2026), not a"
                        + " billable code: add the characters that complete it");
    }

    @Test
    void the_payers_own_timely_filing_limit_applies() {
        ServiceLine old = line(LocalDate.of(2025, 8, 1), "99213", List.of(1));
        Claim claim = claim(List.of(new Diagnosis("J209", "DG1 #1")), old);

        assertThat(texts(DEC_2025, claim, 365)).isEmpty();
        assertThat(texts(DEC_2025, claim, 90)).containsExactly("line 1 (99213, 2025-08-01): the date of service 2025-08-01"
                + " (FT1 #1, FT1-4) is more than 90 days ago: ACME HEALTH PLAN takes claims for services on or after 2025-09-02"
                + " (timelyFilingDays in payers.yaml); the payer would deny it");
    }

    @Test
    void identifiers_with_delimiters_or_characters_outside_the_basic_set_are_refused() {
        Claim base = claim(List.of(new Diagnosis("J209", "DG1 #1")), line(LocalDate.of(2025, 11, 3), "99213", List.of(1)));
        Claim claim = new Claim("ACC~1", base.totalCharge(), "1", null, null, null, null, PATIENT,
                List.of(new Coverage("IN1 #1", "ACME", "ACME", "GRPÉ1", "W1234", "18", PATIENT)), base.diagnoses(), base.lines(), List.of());

        assertThat(texts(DEC_2025, claim, 365)).containsExactly(
                "claim: patient control number (PID-18 / PV1-19) holds '~' (U+007E), which the payer's X12 uses as a delimiter;"
                        + " identifiers are sent exactly or not at all",
                "IN1 #1: group number (IN1-8) holds 'É' (U+00C9), which is not in the X12 basic character set; identifiers"
                        + " are sent exactly or not at all");
    }

    @Test
    void a_name_that_cannot_be_transliterated_is_refused_and_accents_are_not() {
        Person wang = new Person("王", "Jose", null, PATIENT.birthDate(), "M", PATIENT.address());
        Person munoz = new Person("Muñoz", "José", null, PATIENT.birthDate(), "M", PATIENT.address());
        ServiceLine visit = line(LocalDate.of(2025, 11, 3), "99213", List.of(1));

        assertThat(texts(DEC_2025, ClaimFixtures.claim(List.of(visit), List.of(new Diagnosis("J209", "DG1 #1")),
                List.of(coverage("18", munoz))), 365)).isEmpty();
        assertThat(texts(DEC_2025, new Claim("ACC1", new BigDecimal("100"), "1", null, null, null, null, wang,
                List.of(coverage("18", wang)), List.of(new Diagnosis("J209", "DG1 #1")), List.of(visit), List.of()), 365))
                .containsExactly(
                        "IN1 #1: insured last name holds '王' (U+738B), which has no equivalent in X12 letters; spell the name as on the insurance card",
                        "PID: patient last name holds '王' (U+738B), which has no equivalent in X12 letters; spell the name as on the insurance card");
    }

    @Test
    void referring_ordering_and_drug_data_are_checked() {
        ServiceLine drugLine = new ServiceLine("FT1 #2", "L2", LocalDate.of(2025, 11, 3), "J1885", List.of(), BigDecimal.ONE,
                new BigDecimal("30"), List.of(1), WELBY, new Provider("1234567890", "Kildare", "James"), null,
                new Drug("0409-3796", BigDecimal.ZERO, "XX"));
        Claim base = claim(List.of(new Diagnosis("J209", "DG1 #1")), line(LocalDate.of(2025, 11, 3), "99213", List.of(1)), drugLine);
        Claim claim = new Claim(base.patientControlNumber(), base.totalCharge(), "1", null, null, null, null, PATIENT,
                base.coverages(), base.diagnoses(), base.lines(), List.of(), new Provider("1245319590", null, "Jim"));

        assertThat(texts(DEC_2025, claim, 365)).containsExactly(
                "claim: referring provider (PV1-8) NPI 1245319590 fails the check digit",
                "claim: referring provider (PV1-8) has no last name (XCN.2)",
                "line 2 (J1885, 2025-11-03): ordering provider (FT1 #2, FT1-21) NPI 1234567890 fails the check digit",
                "line 2 (J1885, 2025-11-03): NDC '0409-3796' (FT1 #2, FT1-29) must be 11 digits in the 5-4-2 form"
                        + " (e.g. 00182106105), or 10 digits with dashes as on the label",
                "line 2 (J1885, 2025-11-03): the drug quantity (FT1 #2, FT1-10) must be more than 0",
                "line 2 (J1885, 2025-11-03): the drug unit 'XX' must be F2 (international unit), GR (gram), ME (milligram),"
                        + " ML (millilitre) or UN (unit)");
    }
}
