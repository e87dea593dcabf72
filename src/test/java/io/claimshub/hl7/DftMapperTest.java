package io.claimshub.hl7;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Drug;
import io.claimshub.claim.FinancialTransaction;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceLine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.claimshub.hl7.Hl7Fixtures.read;
import static io.claimshub.hl7.Hl7Fixtures.replacing;
import static io.claimshub.hl7.Hl7Fixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The rows of docs/mapping.md, one case each, mapped from real parses of small messages. */
class DftMapperTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final DftMapper MAPPER = new DftMapper();
    private static final String VALID = read(Hl7Fixtures.VALID);

    static MappingResult map(String er7) {
        try {
            return MAPPER.map(PARSER.parse(er7));
        } catch (Hl7Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The claim of a message the mapper should read without a problem. */
    static Claim claim(String er7) {
        MappingResult result = map(er7);
        assertThat(result.problems()).extracting(Reason::text).isEmpty();
        return result.claim();
    }

    static List<String> problems(String er7) {
        return map(er7).problems().stream().map(Reason::text).toList();
    }

    @Test
    void the_shared_valid_fixture_maps_without_a_problem() {
        Claim claim = claim(VALID);

        assertThat(claim.lines()).hasSize(2);
        assertThat(claim.coverages()).hasSize(2);
        assertThat(claim.diagnoses()).extracting(Diagnosis::code).containsExactly("J209", "R059");
    }

    /** Loop 2300, the claim header. */
    @Nested
    class ClaimHeader {

        @Test
        void clm01_is_the_pid_18_account_number() {
            assertThat(claim(VALID).patientControlNumber()).isEqualTo("ACCT1004501");
        }

        @Test
        void clm01_falls_back_to_the_pv1_19_visit_number_when_pid_18_is_empty() {
            String message = replacing(VALID, "PID|", "PID|1||MRN10045^^^SUNRISE^MR||DOE^JANE^Q||19800412|F");

            assertThat(claim(message).patientControlNumber()).isEqualTo("V240314001");
        }

        @Test
        void a_message_without_pid_18_or_pv1_19_is_reported_as_having_no_claim_id() {
            String message = without(replacing(VALID, "PID|", "PID|1||MRN10045^^^SUNRISE^MR||DOE^JANE^Q||19800412|F"), "PV1|");

            assertThat(problems(message)).containsExactly(
                    "PID: PID-18 account number and PV1-19 visit number are both empty: the claim has no id (CLM01)");
        }

        @Test
        void clm02_is_the_sum_of_the_ft1_11_extended_amounts() {
            assertThat(claim(VALID).totalCharge()).isEqualByComparingTo("215.00");
        }

        @Test
        void clm02_uses_ft1_12_times_ft1_10_when_ft1_11_is_empty() {
            String message = replacing(VALID, "FT1|2|",
                    "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2||35.00|||||||R05.9");

            Claim claim = claim(message);

            assertThat(claim.lines().get(1).chargeAmount()).isEqualByComparingTo("70.00");
            assertThat(claim.totalCharge()).isEqualByComparingTo("215.00");
        }

        @Test
        void an_amount_that_is_not_a_number_is_reported_with_its_line() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|abc|35.00");

            MappingResult result = map(message);

            assertThat(result.problems()).extracting(Reason::text)
                    .containsExactly("FT1 #2: FT1-11 extended amount 'abc' is not a number");
            assertThat(result.problems().get(0).code()).isEqualTo("NOT_A_NUMBER");
            assertThat(result.claim().lines().get(1).chargeAmount()).isNull();
        }

        @Test
        void a_charge_without_any_amount_is_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2");

            assertThat(problems(message))
                    .containsExactly("FT1 #2: FT1-11 extended amount and FT1-12 unit amount are both empty");
        }

        @Test
        void clm05_1_place_of_service_is_pv1_3_when_it_holds_a_two_digit_code() {
            assertThat(claim(VALID).placeOfService()).isEqualTo("11");
        }

        @ParameterizedTest(name = "PV1-3 ''{0}''")
        @CsvSource(delimiter = ';', value = {"4E^136^B", "11^201^A", "CLINIC", "1", "''"})
        void clm05_1_is_left_to_the_clinic_default_when_pv1_3_is_not_a_place_of_service_code(String pv13) {
            String message = replacing(VALID, "PV1|", "PV1|1|O|" + pv13 + "||||||||||||||||V240314001");

            assertThat(claim(message).placeOfService()).isNull();
        }

        @Test
        void clm05_3_frequency_is_1_original() {
            Claim claim = claim(VALID);

            assertThat(claim.frequencyCode()).isEqualTo("1");
            assertThat(claim.originalPayerClaimNumber()).isNull();
        }

        @Test
        void hi_lists_the_dg1_codes_by_dg1_15_priority() {
            String message = replacing(replacing(VALID, "DG1|1|", "DG1|1|I10|J20.9^^I10||20240310|F|||||||||2"),
                    "DG1|2|", "DG1|2|I10|R05.9^^I10||20240311|F|||||||||1");

            assertThat(claim(message).diagnoses()).containsExactly(
                    new Diagnosis("R059", "DG1 #2"), new Diagnosis("J209", "DG1 #1"));
        }

        @Test
        void hi_puts_dg1s_without_a_priority_or_with_priority_0_after_the_ranked_ones_in_message_order() {
            String message = without(VALID, "DG1|")
                    .replace("IN1|1|", "DG1|1||E11.9||||||||||||0\rDG1|2||I10\rDG1|3||R05.9||||||||||||1\rIN1|1|");

            assertThat(claim(message).diagnoses()).extracting(Diagnosis::code)
                    .containsExactly("R059", "E119", "I10", "J209");
        }

        @Test
        void hi_adds_the_ft1_19_codes_that_no_dg1_lists_after_the_dg1_codes() {
            String message = replacing(VALID, "FT1|2|",
                    "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00||||||||R50.9~R05.9");

            assertThat(claim(message).diagnoses()).containsExactly(
                    new Diagnosis("J209", "DG1 #1"), new Diagnosis("R059", "DG1 #2"), new Diagnosis("R509", "FT1 #2"));
        }

        @Test
        void hi_codes_are_written_without_the_dot_and_in_upper_case() {
            String message = replacing(VALID, "DG1|1|", "DG1|1|I10| j20.9 ^^I10||20240310|F|||||||||1");

            assertThat(claim(message).diagnoses().get(0).code()).isEqualTo("J209");
        }

        @Test
        void a_dg1_without_a_code_is_reported() {
            String message = replacing(VALID, "DG1|2|", "DG1|2|I10|^Cough^I10");

            assertThat(problems(message)).containsExactly("DG1 #2: DG1-3 diagnosis code is empty");
        }

        @Test
        void dtp_431_onset_is_dg1_5_of_the_principal_diagnosis() {
            assertThat(claim(VALID).onsetDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        }

        @Test
        void ref_g1_prior_authorization_is_in1_14_of_the_primary_insurance() {
            assertThat(claim(VALID).priorAuthorization()).isEqualTo("PA7781234");
        }
    }

    /** Loops 2000B to 2310B, the parties. */
    @Nested
    class Parties {

        @Test
        void sbr_order_follows_in1_1_whatever_order_the_in1s_are_written_in() {
            String[] segments = VALID.split("\r");
            String in11 = segments[segments.length - 2];
            String in12 = segments[segments.length - 1];
            String swapped = VALID.replace(in11 + "\r" + in12, in12 + "\r" + in11);

            assertThat(swapped).isNotEqualTo(VALID);
            assertThat(claim(swapped).coverages()).extracting(Coverage::origin, Coverage::payerKey)
                    .containsExactly(tuple("IN1 #1", "ACME"),
                            tuple("IN1 #2", "BCBSIL"));
            assertThat(claim(swapped)).isEqualTo(claim(VALID));
        }

        @Test
        void sbr02_is_18_when_in1_17_says_self_and_sbr03_is_the_in1_8_group_number() {
            Coverage primary = claim(VALID).primaryCoverage();

            assertThat(primary.relationshipCode()).isEqualTo("18");
            assertThat(primary.patientIsInsured()).isTrue();
            assertThat(primary.groupNumber()).isEqualTo("GRP55501");
        }

        @Test
        void subscriber_2010ba_comes_from_in1_16_18_19_36_and_43() {
            Coverage secondary = claim(VALID).coverages().get(1);

            assertThat(secondary.memberId()).isEqualTo("XOJ987654321");
            assertThat(secondary.insured()).isEqualTo(new Person("DOE", "JOHN", "R", LocalDate.of(1978, 11, 2), "M",
                    new Address("42 ELM ST", "APT 3", "SPRINGFIELD", "IL", "627041234")));
        }

        @Test
        void subscriber_who_is_the_patient_takes_pid_values_where_in1_is_empty() {
            String message = replacing(VALID, "IN1|1|", "IN1|1||ACME|ACME HEALTH PLAN||||GRP55501|||||||||SEL"
                    + "|||||||||||||||||||ACM123456789");

            Claim claim = claim(message);

            assertThat(claim.primaryCoverage().insured()).isEqualTo(claim.patient());
        }

        @Test
        void payer_2010bb_is_in1_4_by_name_and_in1_3_is_the_key_into_the_payer_config() {
            Coverage primary = claim(VALID).primaryCoverage();

            assertThat(primary.payerName()).isEqualTo("ACME HEALTH PLAN");
            assertThat(primary.payerKey()).isEqualTo("ACME");
            assertThat(primary.memberId()).isEqualTo("ACM123456789");
        }

        @Test
        void patient_2010ca_is_pid_5_7_8_and_11_with_a_digits_only_zip() {
            assertThat(claim(VALID).patient()).isEqualTo(new Person("DOE", "JANE", "Q", LocalDate.of(1980, 4, 12), "F",
                    new Address("42 ELM ST", "APT 3", "SPRINGFIELD", "IL", "627041234")));
        }

        @Test
        void a_dependent_child_gets_pat01_19_and_a_subscriber_who_is_not_the_patient() {
            Claim claim = claim(read("dft-p03-dependent-v24.hl7"));
            Coverage primary = claim.primaryCoverage();

            assertThat(primary.relationshipCode()).isEqualTo("19");
            assertThat(primary.patientIsInsured()).isFalse();
            assertThat(claim.patient()).isEqualTo(new Person("GARCIA", "SOFIA", "M", LocalDate.of(2015, 8, 3), "F",
                    new Address("9 BIRCH CT", null, "SPRINGFIELD", "IL", "62711")));
            assertThat(primary.insured()).isEqualTo(new Person("GARCIA", "LUIS", "A", LocalDate.of(1984, 2, 17), "M",
                    new Address("9 BIRCH CT", null, "SPRINGFIELD", "IL", "627110042")));
        }

        @Test
        void a_dependents_subscriber_never_takes_the_patients_name_birth_date_or_sex() {
            String message = replacing(read("dft-p03-dependent-v24.hl7"), "IN1|1|",
                    "IN1|1||ACME|ACME HEALTH PLAN||||GRP7001|||||||||CHD|||||||||||||||||||ACM700200300");

            MappingResult result = map(message);
            Person insured = result.claim().primaryCoverage().insured();

            assertThat(insured.lastName()).isNull();
            assertThat(insured.birthDate()).isNull();
            assertThat(insured.sex()).isNull();
            assertThat(insured.address()).isEqualTo(result.claim().patient().address());
            assertThat(result.problems()).extracting(Reason::text).containsExactly(
                    "IN1 #1: IN1-16 insured's name is empty but IN1-17 says the patient is not the insured");
        }

        @ParameterizedTest(name = "IN1-17 ''{0}'' -> {1}")
        @CsvSource({
                "SEL, 18", "sel, 18", "'', 18", "18, 18",
                "SPO, 01", "01, 01",
                "CHD, 19", "NCH, 19", "SCH, 19", "FCH, 19", "19, 19",
                "GCH, G8", "DOM, G8", "WRD, G8", "EME, G8", "OTH, G8"})
        void in1_17_relationship_becomes_the_x12_individual_relationship_code(String in117, String x12) {
            String message = replacing(VALID, "IN1|1|", "IN1|1||ACME|ACME HEALTH PLAN||||GRP55501||||||||DOE^JOHN|"
                    + in117 + "|||||||||||||||||||ACM123456789");

            assertThat(map(message).claim().primaryCoverage().relationshipCode()).isEqualTo(x12);
        }

        @Test
        void rendering_provider_2310b_is_ft1_20_npi_family_and_given_name() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::renderingProvider)
                    .containsOnly(new Provider("1245319599", "WELBY", "MARCUS"));
        }

        @Test
        void a_line_without_ft1_20_has_no_rendering_provider() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00");

            assertThat(claim(message).lines().get(1).renderingProvider()).isNull();
        }

        @Test
        void a_message_without_pid_is_reported_as_having_no_patient() {
            MappingResult result = map(without(VALID, "PID|"));

            assertThat(result.problems()).extracting(Reason::text).containsExactly("PID: the message has no PID segment");
            assertThat(result.claim().patientControlNumber()).isEqualTo("V240314001");
        }

        @Test
        void a_message_without_in1_is_reported_as_having_no_payer() {
            assertThat(problems(without(VALID, "IN1|")))
                    .containsExactly("IN1: the message has no IN1 segment: there is no payer to bill");
        }
    }

    /** Loop 2400, one service line per FT1 of type CG. */
    @Nested
    class ServiceLines {

        @Test
        void each_cg_ft1_is_one_line_named_after_its_set_id() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::origin).containsExactly("FT1 #1", "FT1 #2");
        }

        @Test
        void ft1s_without_distinct_set_ids_are_named_by_position() {
            String message = replacing(VALID, "FT1|2|", "FT1|1|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00");

            assertThat(claim(message).lines()).extracting(ServiceLine::origin).containsExactly("FT1 #1", "FT1 #2");
        }

        @Test
        void sv101_is_the_ft1_7_cpt_code_with_the_ft1_26_modifiers() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::procedureCode, ServiceLine::modifiers)
                    .containsExactly(tuple("99214", List.of("25")),
                            tuple("87804", List.of("QW")));
        }

        @Test
        void sv101_takes_ft1_25_when_ft1_7_is_a_local_charge_code() {
            assertThat(claim(read("dft-p03-v23.hl7")).lines()).extracting(ServiceLine::procedureCode)
                    .containsExactly("99213", "36415");
        }

        @ParameterizedTest(name = "FT1-7 {0}")
        @CsvSource({"99213", "0001F", "G0439", "j1100"})
        void sv101_keeps_an_ft1_7_that_is_a_cpt_or_hcpcs_code_even_when_ft1_25_differs(String ft17) {
            String message = replacing(VALID, "FT1|2|",
                    "FT1|2|SUN-TX-0002||20240314||CG|" + ft17 + "|||1|70.00||||||||||||||99999");

            assertThat(claim(message).lines().get(1).procedureCode()).isEqualTo(ft17.toUpperCase());
        }

        @Test
        void sv101_keeps_every_modifier_so_that_the_edits_can_reject_more_than_four() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00"
                    + "|||||||||||||||rt~LT~59~GA~QW");

            assertThat(claim(message).lines().get(1).modifiers()).containsExactly("RT", "LT", "59", "GA", "QW");
        }

        @Test
        void a_line_with_neither_ft1_7_nor_ft1_25_is_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG||||2|70.00");

            assertThat(problems(message))
                    .containsExactly("FT1 #2: FT1-7 transaction code and FT1-25 procedure code are both empty");
        }

        @Test
        void sv102_is_ft1_11_as_an_exact_decimal() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::chargeAmount)
                    .containsExactly(new BigDecimal("145.00"), new BigDecimal("70.00"));
        }

        @Test
        void sv104_units_are_ft1_10() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::units)
                    .containsExactly(BigDecimal.ONE, new BigDecimal("2"));
        }

        @Test
        void sv104_units_default_to_1_when_ft1_10_is_empty() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4||||35.00");

            assertThat(claim(message).lines().get(1).units()).isEqualTo(BigDecimal.ONE);
        }

        @Test
        void a_quantity_that_is_not_a_number_is_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||two||35.00");

            assertThat(problems(message)).containsExactly("FT1 #2: FT1-10 quantity 'two' is not a number");
        }

        @Test
        void sv107_points_at_the_lines_ft1_19_codes_in_hi_first_one_primary() {
            String message = replacing(VALID, "FT1|2|",
                    "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00||||||||R05.9~J20.9");

            assertThat(claim(message).lines()).extracting(ServiceLine::diagnosisPointers)
                    .containsExactly(List.of(1, 2), List.of(2, 1));
        }

        @Test
        void sv107_is_1_when_ft1_19_is_empty() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||CG|87804^FLU^C4|||2|70.00");

            assertThat(claim(message).lines().get(1).diagnosisPointers()).containsExactly(1);
        }

        @Test
        void dtp_472_is_the_date_part_of_ft1_4() {
            assertThat(claim(read("dft-p03-v23.hl7")).lines()).extracting(ServiceLine::serviceDate)
                    .containsOnly(LocalDate.of(2024, 4, 1));
        }

        @ParameterizedTest(name = "FT1-4 {0}")
        @CsvSource({"20241345", "202403", "yesterday"})
        void an_ft1_4_that_is_not_a_full_date_is_reported_without_quoting_it(String ft14) {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||" + ft14 + "||CG|87804^FLU^C4|||2|70.00");

            assertThat(problems(message)).containsExactly("FT1 #2: FT1-4 transaction date is not a full date (YYYYMMDD)");
        }

        @Test
        void a_line_without_ft1_4_is_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||||CG|87804^FLU^C4|||2|70.00");

            assertThat(problems(message)).containsExactly("FT1 #2: FT1-4 transaction date is empty");
        }

        @Test
        void ref_6r_is_the_ft1_2_transaction_id() {
            assertThat(claim(VALID).lines()).extracting(ServiceLine::lineControlNumber)
                    .containsExactly("SUN-TX-0001", "SUN-TX-0002");
        }

        @Test
        void ref_6r_is_generated_from_clm01_and_the_line_number_when_ft1_2_is_empty() {
            assertThat(claim(read("dft-p03-v23.hl7")).lines()).extracting(ServiceLine::lineControlNumber)
                    .containsExactly("V99012-1", "V99012-2");
        }

        @Test
        void a_generated_ref_6r_stays_within_30_characters() {
            String message = replacing(replacing(VALID, "PID|", "PID|1||||DOE^JANE||19800412|F||||||||||"
                    + "A".repeat(40)), "FT1|2|", "FT1|2|||20240314||CG|87804^FLU^C4|||2|70.00");

            assertThat(map(message).claim().lines().get(1).lineControlNumber())
                    .isEqualTo("A".repeat(28) + "-2");
        }

        @Test
        void credits_payments_and_adjustments_are_recorded_but_not_billed() {
            Claim claim = claim(read("dft-p03-payments.hl7"));

            assertThat(claim.lines()).extracting(ServiceLine::origin).containsExactly("FT1 #1");
            assertThat(claim.totalCharge()).isEqualByComparingTo("110.00");
            assertThat(claim.otherTransactions()).containsExactly(
                    new FinancialTransaction("FT1 #2", "PY", "COPAY", new BigDecimal("-25.00")),
                    new FinancialTransaction("FT1 #3", "AJ", "SMALLBAL", new BigDecimal("-0.50")),
                    new FinancialTransaction("FT1 #4", "CR", "REFUND", new BigDecimal("5.00")));
        }

        @Test
        void an_ft1_of_an_unknown_type_is_recorded_not_billed_and_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314||XX|87804^FLU^C4|||2|70.00");

            MappingResult result = map(message);

            assertThat(result.claim().lines()).hasSize(1);
            assertThat(result.claim().otherTransactions()).extracting(FinancialTransaction::type).containsExactly("XX");
            assertThat(result.problems()).extracting(Reason::text).containsExactly(
                    "FT1 #2: FT1-6 transaction type 'XX' is not CG, CD, CR, PY, AJ or CO; the FT1 was not billed");
        }

        @Test
        void an_ft1_without_a_type_is_not_billed_and_reported() {
            String message = replacing(VALID, "FT1|2|", "FT1|2|SUN-TX-0002||20240314|||87804^FLU^C4|||2|70.00");

            assertThat(problems(message)).containsExactly(
                    "FT1 #2: FT1-6 transaction type is empty (CG for a charge); the FT1 was not billed");
        }

        @Test
        void a_message_whose_ft1s_are_all_payments_has_nothing_to_bill() {
            String message = replacing(without(VALID, "FT1|1|"), "FT1|2|", "FT1|2|SUN-TX-0002||20240314||PY|COPAY|||1|-20.00");

            MappingResult result = map(message);

            assertThat(result.claim().lines()).isEmpty();
            assertThat(result.problems()).extracting(Reason::text)
                    .containsExactly("FT1: no FT1 has transaction type CG (charge): nothing to bill");
        }

        @Test
        void a_message_without_any_ft1_gives_no_claim() {
            MappingResult result = map(without(VALID, "FT1|"));

            assertThat(result.claim()).isNull();
            assertThat(result.problems()).extracting(Reason::code).containsExactly("NO_CHARGE_LINES");
        }
    }

    /** The rows payers require: 2310A, 2420E, 2410, NM107, street lines, and HI's coding system. */
    @Nested
    class PayerRequiredLoops {

        private String edited(String... edits) {
            String message = VALID;
            for (int i = 0; i < edits.length; i += 2) {
                assertThat(message).contains(edits[i]);
                message = message.replaceFirst(java.util.regex.Pattern.quote(edits[i]),
                        java.util.regex.Matcher.quoteReplacement(edits[i + 1]));
            }
            return message;
        }

        @Test
        void referring_2310a_from_pv1_8() {
            Claim claim = claim(edited("NPI||||||||||||V240314001", "NPI|1234567893^KILDARE^JAMES|||||||||||V240314001"));

            assertThat(claim.referringProvider()).isEqualTo(new Provider("1234567893", "KILDARE", "JAMES"));
            assertThat(claim(VALID).referringProvider()).isNull();
        }

        @Test
        void ordering_2420e_from_ft1_21() {
            Claim claim = claim(edited("NPI|||||99214", "NPI|1234567893^KILDARE^JAMES||||99214"));

            assertThat(claim.lines()).extracting(ServiceLine::orderingProvider)
                    .containsExactly(new Provider("1234567893", "KILDARE", "JAMES"), null);
        }

        @Test
        void drug_2410_from_ft1_29_in_5_4_2_form_with_the_ft1_10_quantity() {
            Claim claim = claim(edited("|87804^INFLUENZA ASSAY W/OPTIC^C4|QW^CLIA waived test^HCPCS",
                    "|87804^INFLUENZA ASSAY W/OPTIC^C4|QW^CLIA waived test^HCPCS|||0182-1061-05^ASPIRIN EC^NDC"));

            assertThat(claim.lines().get(0).drug()).isNull();
            assertThat(claim.lines().get(1).drug()).isEqualTo(new Drug("00182106105", new BigDecimal("2"), "UN"));
        }

        @Test
        void name_suffix_nm107_from_xpn_4() {
            Claim claim = claim(edited("||DOE^JANE^Q||19800412", "||DOE^JANE^Q^JR||19800412"));

            assertThat(claim.patient().suffix()).isEqualTo("JR");
        }

        @Test
        void street_lines_keep_every_subcomponent() {
            Claim claim = claim(edited("|||42 ELM ST^APT 3^", "|||1000&Hospital Lane^APT 3^"));

            assertThat(claim.patient().address().line1()).isEqualTo("1000 Hospital Lane");
            assertThat(claim.patient().address().line2()).isEqualTo("APT 3");
        }

        @Test
        void hi_codes_must_be_coded_icd10cm_and_icd9_is_refused_by_name() {
            assertThat(problems(edited("DG1|2|I10|R05.9^Cough, unspecified^I10", "DG1|2|I9|250.00^Diabetes^I9")))
                    .containsExactly("DG1 #2: DG1-3 diagnosis 25000 is coded I9 (ICD-9); since October 2015 claims need"
                            + " ICD-10-CM codes (coding system I10)");
            assertThat(problems(edited("|R05.9^Cough, unspecified^I10|1245319599", "|R05.9^Cough, unspecified^ICD9|1245319599")))
                    .containsExactly("FT1 #2: FT1-19 diagnosis R059 is coded ICD9 (ICD-9); since October 2015 claims need"
                            + " ICD-10-CM codes (coding system I10)");
            assertThat(problems(edited("J20.9^Acute bronchitis, unspecified^I10|Acute", "J20.9^Acute bronchitis, unspecified^ICD10CM|Acute",
                    "R05.9^Cough, unspecified^I10|Cough", "R05.9^Cough, unspecified^|Cough"))).isEmpty();
        }
    }

    /** The "Input shape" paragraph: versions, segment order, escapes, Z-segments. */
    @Nested
    class InputShape {

        @Test
        void a_v2_3_message_maps_like_a_v2_5_1_one() {
            Claim claim = claim(read("dft-p03-v23.hl7"));

            assertThat(claim.patientControlNumber()).isEqualTo("V99012");
            assertThat(claim.totalCharge()).isEqualByComparingTo("107.50");
            assertThat(claim.diagnoses()).extracting(Diagnosis::code).containsExactly("I10", "E785");
            assertThat(claim.primaryCoverage().payerKey()).isEqualTo("60054");
        }

        @Test
        void z_segments_are_ignored() {
            Claim claim = claim(read("dft-p03-zsegments.hl7"));

            assertThat(claim.lines()).extracting(ServiceLine::procedureCode).containsExactly("99213");
            assertThat(claim.diagnoses()).extracting(Diagnosis::code).containsExactly("J069");
        }

        @Test
        void hl7_escape_sequences_are_decoded() {
            Claim claim = claim(read("dft-p03-escapes.hl7"));

            assertThat(claim.patient().lastName()).isEqualTo("O'NEIL&SONS");
            assertThat(claim.patient().address().line1()).isEqualTo("5 MAIN ST | UNIT 2");
            assertThat(claim.patient().address().line2()).isEqualTo("C/O A^B\\C");
            assertThat(claim.lines().get(0).lineControlNumber()).isEqualTo("TX~78");
            assertThat(claim.primaryCoverage().payerName()).isEqualTo("ACME & SONS HEALTH");
        }

        @Test
        void dg1s_written_before_the_ft1s_still_belong_to_the_claim() {
            String[] segments = VALID.split("\r");
            String dg1s = segments[8] + "\r" + segments[9] + "\r";
            String message = without(VALID, "DG1|").replace("FT1|1|", dg1s + "FT1|1|");

            Claim claim = claim(message);

            assertThat(claim).isEqualTo(claim(VALID));
        }

        @Test
        void the_hl7_null_value_counts_as_empty() {
            String message = replacing(VALID, "IN1|2|", "IN1|2||BCBSIL|BCBS||||\"\"|||||||||SPO");

            assertThat(map(message).claim().coverages().get(1).groupNumber()).isNull();
        }
    }
}
