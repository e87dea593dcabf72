package io.claimshub.claim;

import io.claimshub.config.ClinicConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.claimshub.claim.ClaimFixtures.PATIENT;
import static io.claimshub.claim.ClaimFixtures.claim;
import static io.claimshub.claim.ClaimFixtures.coverage;
import static io.claimshub.claim.ClaimFixtures.line;
import static io.claimshub.claim.ClaimFixtures.validClaim;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimEditsTest {

    private final ClaimEdits edits = new ClaimEdits(Clock.fixed(ClaimFixtures.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    private static final List<Diagnosis> TWO_DX = List.of(new Diagnosis("J209", "DG1 #1"), new Diagnosis("R059", "DG1 #2"));

    private List<String> texts(Claim claim) {
        return check(claim, ClaimFixtures.clinic());
    }

    private List<String> check(Claim claim, ClinicConfig clinic) {
        return edits.check(claim, ClaimFixtures.partners().editContext(clinic, claim)).stream().map(Reason::text).toList();
    }

    private static Claim withLines(ServiceLine... lines) {
        return claim(List.of(lines), TWO_DX, List.of(coverage("18", PATIENT)));
    }

    @Test
    void a_valid_claim_passes_every_edit() {
        assertThat(texts(validClaim())).isEmpty();
    }

    @Test
    void rejects_a_rendering_npi_that_fails_the_check_digit() {
        ServiceLine bad = new ServiceLine("FT1 #2", "L2", LocalDate.of(2026, 10, 20), "87804", List.of(), BigDecimal.ONE,
                BigDecimal.TEN, List.of(1), new Provider("1234567890", "Welby", "M"));
        assertThat(texts(withLines(line("FT1 #1", "99213", "5", List.of(1)), bad)))
                .containsExactly("FT1 #2: rendering provider NPI 1234567890 fails the check digit");
    }

    @Test
    void rejects_a_billing_npi_a_short_zip_and_a_po_box_in_the_clinic_config() {
        ClinicConfig clinic = ClaimFixtures.clinic();
        ClinicConfig bad = new ClinicConfig(clinic.id(), clinic.name(), "1234567890", "12345", null,
                new Address("PO Box 9", null, "Springfield", "IL", "62701"), "11", clinic.submitter(),
                clinic.sendingFacilities(), clinic.inbox(), clinic.outbox(), ClinicConfig.ReplyTo.FOLDER, null);
        assertThat(check(validClaim(), bad)).containsExactly(
                "clinic config: billing provider NPI 1234567890 fails the check digit",
                "clinic config: billing provider tax id must be the 9-digit EIN",
                "clinic config: billing provider ZIP must have 9 digits (ZIP+4)",
                "clinic config: billing provider address must be a street address, not a PO box");
    }

    @Test
    void clm01_is_required_and_at_most_20_characters() {
        Claim valid = validClaim();
        assertThat(texts(copy(valid, null, valid.totalCharge(), "1", null))).containsExactly(
                "claim: patient control number is missing: fill PID-18 (account number) or PV1-19 (visit number)");
        assertThat(texts(copy(valid, "A".repeat(21), valid.totalCharge(), "1", null))).containsExactly(
                "claim: patient control number " + "A".repeat(21) + " has 21 characters; at most 20 fit in CLM01");
    }

    @Test
    void the_total_must_equal_the_sum_of_the_lines() {
        Claim valid = validClaim();
        assertThat(texts(copy(valid, "ACC1", new BigDecimal("200.00"), "1", null))).containsExactly(
                "claim: total charge 200.00 does not equal the sum of the line charges 205.00");
    }

    @Test
    void a_replacement_needs_the_original_claim_number_and_frequency_must_be_known() {
        Claim valid = validClaim();
        assertThat(texts(copy(valid, "ACC1", valid.totalCharge(), "7", null))).containsExactly(
                "claim: a replacement or void (frequency 7) needs the payer's original claim number");
        assertThat(texts(copy(valid, "ACC1", valid.totalCharge(), "7", "PCN9"))).isEmpty();
        assertThat(texts(copy(valid, "ACC1", valid.totalCharge(), "5", null))).containsExactly(
                "claim: claim frequency 5 must be 1 (original), 7 (replacement) or 8 (void)");
    }

    @Test
    void procedure_codes_and_modifiers_must_have_the_right_shape() {
        ServiceLine local = line("FT1 #1", "LAB123", "10", List.of(1));
        ServiceLine modifiers = new ServiceLine("FT1 #2", "L2", LocalDate.of(2026, 10, 20), "G0439",
                List.of("25", "59", "QW", "RT", "L"), BigDecimal.ONE, BigDecimal.TEN, List.of(1), null);
        assertThat(texts(withLines(local, modifiers, line("FT1 #3", "0001U", "1", List.of(1)),
                line("FT1 #4", "1234F", "1", List.of(1)), line("FT1 #5", "W1234", "1", List.of(1))))).containsExactly(
                "FT1 #1: procedure code LAB123 is not a CPT (5 digits, or 4 digits and F/T/U) or HCPCS (letter and 4 digits) code",
                "FT1 #2: 5 modifiers; at most 4 fit on a line",
                "FT1 #2: modifier 'L' must be 2 letters or digits",
                "FT1 #5: procedure code W1234 is not a CPT (5 digits, or 4 digits and F/T/U) or HCPCS (letter and 4 digits) code");
    }

    @Test
    void charges_must_be_positive_with_at_most_two_decimals_and_units_positive() {
        ServiceLine zero = line("FT1 #1", "99213", "0", List.of(1));
        ServiceLine fraction = line("FT1 #2", "99213", "10.005", List.of(1));
        ServiceLine noUnits = new ServiceLine("FT1 #3", "L3", LocalDate.of(2026, 10, 20), "99213", List.of(),
                BigDecimal.ZERO, BigDecimal.ONE, List.of(1), null);
        assertThat(texts(withLines(zero, fraction, noUnits))).containsExactly(
                "claim: total charge 11.005 has more than 2 decimals",
                "FT1 #1: charge must be more than 0",
                "FT1 #2: charge 10.005 has more than 2 decimals",
                "FT1 #3: units must be more than 0");
    }

    @Test
    void at_most_50_lines() {
        List<ServiceLine> lines = new ArrayList<>(Collections.nCopies(51, line("FT1 #1", "99213", "1", List.of(1))));
        assertThat(texts(claim(lines, TWO_DX, List.of(coverage("18", PATIENT))))).containsExactly(
                "claim: claim has 51 service lines; the limit is 50 — split the visit into two claims");
    }

    @Test
    void a_claim_without_lines_is_not_billable() {
        assertThat(texts(claim(List.of(), TWO_DX, List.of(coverage("18", PATIENT))))).contains(
                "claim: no billable service line: add an FT1 of type CG with a procedure code");
    }

    @Test
    void dates_of_service_must_not_be_in_the_future() {
        ServiceLine future = new ServiceLine("FT1 #1", "L1", ClaimFixtures.TODAY.plusDays(1), "99213", List.of(),
                BigDecimal.ONE, BigDecimal.TEN, List.of(1), null);
        ServiceLine missing = new ServiceLine("FT1 #2", "L2", null, "99213", List.of(), BigDecimal.ONE, BigDecimal.TEN, List.of(1), null);
        assertThat(texts(withLines(future, missing))).containsExactly(
                "FT1 #1: date of service is in the future", "FT1 #2: date of service is missing");
    }

    @Test
    void diagnosis_pointers_must_point_at_a_diagnosis_at_most_four_without_repeats() {
        assertThat(texts(withLines(line("FT1 #1", "99213", "1", List.of(3)), line("FT1 #2", "99213", "1", List.of(1, 2, 1, 2, 1)),
                line("FT1 #3", "99213", "1", List.of())))).containsExactly(
                "FT1 #1: diagnosis pointer 3 points at no diagnosis (the claim has 2)",
                "FT1 #2: 5 diagnosis pointers; at most 4 fit on a line",
                "FT1 #2: a diagnosis pointer is repeated",
                "FT1 #3: no diagnosis pointer: point the line at one of the claim's diagnoses");
    }

    @Test
    void diagnoses_must_be_icd10_at_least_one_at_most_twelve_and_not_repeated() {
        List<ServiceLine> lines = List.of(line("FT1 #1", "99213", "1", List.of(1)));
        assertThat(texts(claim(lines, List.of(), List.of(coverage("18", PATIENT)))))
                .contains("claim: no diagnosis code: add a DG1 or FT1-19");
        assertThat(texts(claim(lines, List.of(new Diagnosis("29857009", "DG1 #1"), new Diagnosis("4400", "DG1 #2"),
                new Diagnosis("J209", "DG1 #3"), new Diagnosis("J209", "FT1 #1")), List.of(coverage("18", PATIENT)))))
                .containsExactly("DG1 #1: diagnosis code 29857009 is not an ICD-10-CM code",
                        "DG1 #2: diagnosis code 4400 is not an ICD-10-CM code",
                        "FT1 #1: diagnosis code J209 is listed twice");
        List<Diagnosis> thirteen = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            thirteen.add(new Diagnosis("Z0" + (i < 10 ? "0" : "") + i, "DG1 #" + (i + 1)));
        }
        assertThat(texts(claim(lines, thirteen, List.of(coverage("18", PATIENT)))))
                .containsExactly("claim: 13 diagnosis codes; at most 12 fit on a professional claim");
    }

    @Test
    void insurance_must_exist_match_a_payer_and_carry_a_member_id() {
        List<ServiceLine> lines = validClaim().lines();
        assertThat(texts(claim(lines, TWO_DX, List.of()))).containsExactly("claim: no insurance (IN1): cannot bill");
        Coverage unknown = new Coverage("IN1 #1", "XYZ", "XYZ PLAN", null, null, "18", PATIENT);
        assertThat(texts(claim(lines, TWO_DX, List.of(unknown)))).containsExactly(
                "IN1 #1: insurance company id 'XYZ' (IN1-3) matches no payer in payers.yaml",
                "IN1 #1: member id (IN1-36) is missing");
    }

    @Test
    void a_dependent_needs_an_address_and_the_insured_needs_name_birth_date_and_sex() {
        Person child = new Person("Quixote", "Sancho", null, LocalDate.of(2015, 1, 1), "M", null);
        Person parent = new Person(null, "Zebulon", null, null, "X", null);
        Claim dependent = new Claim("ACC1", validClaim().totalCharge(), "1", null, null, null, null, child,
                List.of(coverage("19", parent)), TWO_DX, validClaim().lines(), List.of());
        assertThat(texts(dependent)).containsExactly(
                "IN1 #1: insured last and first name are required",
                "IN1 #1: insured birth date is missing",
                "IN1 #1: insured sex must be M, F or U",
                "PID: patient address needs street, city, 2-letter state and a 5- or 9-digit ZIP");
    }

    @Test
    void birth_dates_must_not_be_in_the_future_and_relationships_must_be_known() {
        Person born = new Person("Zebulon", "Quixote", null, ClaimFixtures.TODAY.plusDays(3), "M", PATIENT.address());
        Claim claim = new Claim("ACC1", validClaim().totalCharge(), "1", null, null, null, ClaimFixtures.TODAY.plusDays(1), born,
                List.of(coverage("99", born)), TWO_DX, validClaim().lines(), List.of());
        assertThat(texts(claim)).containsExactly(
                "claim: onset date is in the future",
                "IN1 #1: relationship to the insured (IN1-17) must be self, spouse, child or other",
                "IN1 #1: insured birth date is in the future",
                "PID: patient birth date is in the future",
                "line 1 (99213, 2026-10-20): the date of service (FT1 #1, FT1-4) is before the patient's birth date (PID-7); correct one of them",
                "line 2 (87804, 2026-10-20): the date of service (FT1 #2, FT1-4) is before the patient's birth date (PID-7); correct one of them");
    }

    @Test
    void a_claim_with_many_problems_gets_all_of_them_and_none_quotes_patient_data() {
        Person phi = new Person("Zebulon", "Quixote", "Marigold", LocalDate.of(2099, 7, 23), "Q",
                new Address("4471 Larkspur Ln", null, "Peoria", "Illinois", "6160"));
        Claim claim = new Claim("ACC1", new BigDecimal("1"), "7", null, "99X", null, null, phi,
                List.of(new Coverage("IN1 #1", "NOPE", "X", null, "ZQ7781234", "01", phi)),
                List.of(new Diagnosis("123", "DG1 #1")), List.of(line("FT1 #1", "ABC", "0", List.of(2))), List.of());
        List<Reason> reasons = edits.check(claim, ClaimFixtures.partners().editContext(ClaimFixtures.clinic(), claim));

        assertThat(reasons).hasSizeGreaterThan(10);
        assertThat(reasons).extracting(Reason::text).allSatisfy(text -> assertThat(text)
                .doesNotContain("Zebulon", "Quixote", "Marigold", "2099", "Larkspur", "Peoria", "ZQ7781234", "6160"));
    }

    @Test
    void missing_parts_give_reasons_never_exceptions() {
        Claim empty = new Claim(null, null, null, null, null, null, null, null, null, null,
                List.of(new ServiceLine(null, null, null, null, null, null, null, null, new Provider(null, null, null))), null);
        assertThat(edits.check(empty, ClaimFixtures.partners().editContext(ClaimFixtures.clinic(), empty))).extracting(Reason::code)
                .contains("CLM01_MISSING", "TOTAL_CHARGE", "PROCEDURE_CODE", "CHARGE", "UNITS", "SERVICE_DATE_MISSING",
                        "DIAGNOSIS_POINTER", "NO_DIAGNOSIS", "NO_INSURANCE", "PATIENT_MISSING");
    }

    private static Claim copy(Claim claim, String clm01, BigDecimal total, String frequency, String original) {
        return new Claim(clm01, total, frequency, original, claim.placeOfService(), claim.priorAuthorization(),
                claim.onsetDate(), claim.patient(), claim.coverages(), claim.diagnoses(), claim.lines(), claim.otherTransactions());
    }
}
