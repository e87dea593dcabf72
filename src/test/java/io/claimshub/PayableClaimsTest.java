package io.claimshub;

import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings of the payable-claims review, each run through {@code convert} as a clinic's file would be:
 * what used to pass with exit 0 or change what is billed is now rejected with a reason, or written as the
 * payer needs it. Dates are relative to today so the claims stay within timely filing; the ICD-10-CM
 * fixture is installed as the current fiscal year's file.
 */
class PayableClaimsTest {

    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate SERVICE = LocalDate.now().minusDays(10);
    private static final String DOS = SERVICE.format(HL7_DATE);
    /** The fiscal year of the date of service: FY2027 starts on 1 October 2026. */
    private static final int FISCAL_YEAR = SERVICE.getMonthValue() >= 10 ? SERVICE.getYear() + 1 : SERVICE.getYear();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void codeSets() throws Exception {
        Path icd = Files.createDirectories(dir.resolve("codesets/icd10cm"));
        Files.copy(Path.of("src/test/resources/codesets/icd10cm/icd10cm_order_2026.txt"),
                icd.resolve("icd10cm_order_" + FISCAL_YEAR + ".txt"));
        Path hcpcs = Files.createDirectories(dir.resolve("codesets/hcpcs"));
        Files.copy(Path.of("src/test/resources/codesets/hcpcs/HCPC2026_JAN_ANWEB.txt"), hcpcs.resolve("HCPC2026_JAN_ANWEB.txt"));
    }

    /** The example ACME message, dated ten days ago, with {@code edits} applied as (from, to) pairs. */
    private static String message(String controlId, String... edits) throws Exception {
        String text = Files.readString(Path.of("examples/dft-p03-acme.hl7"), StandardCharsets.UTF_8)
                .replace("20261020", DOS).replace("MSG0001", controlId);
        for (int i = 0; i < edits.length; i += 2) {
            assertThat(text).as("the example holds %s", edits[i]).contains(edits[i]);
            text = text.replace(edits[i], edits[i + 1]);
        }
        return text;
    }

    private int convert(String... messages) throws Exception {
        Path file = dir.resolve("in/charges.hl7");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("", messages), StandardCharsets.UTF_8);
        return ClaimsHub.run(List.of("convert", "--config", "config", "--codesets", dir.resolve("codesets").toString(),
                        "--out", dir.resolve("out").toString(), file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private String line(int number, String code) {
        return "line " + number + " (" + code + ", " + SERVICE + "): ";
    }

    private String written() throws Exception {
        return Files.readString(dir.resolve("out/acme.837"), StandardCharsets.US_ASCII);
    }

    @Test
    void the_example_converts_with_the_code_sets_loaded() throws Exception {
        assertThat(convert(message("MSG0001"))).as(errors()).isZero();
    }

    @Test
    void icd10_category_codes_that_are_not_billable_are_rejected_naming_the_line() throws Exception {
        int status = convert(message("MSG0001", "J20.9^^I10|1245319599", "E11^^I10|1245319599",
                "DG1|1||J20.9^ACUTE BRONCHITIS^I10", "DG1|1||J20^ACUTE BRONCHITIS^I10"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains(line(1, "99213") + "diagnosis E11 (FT1 #1) is a category heading in ICD-10-CM FY"
                + FISCAL_YEAR).contains("diagnosis J20 (DG1 #1) is a category heading");
    }

    @Test
    void a_code_deleted_in_fy2022_is_rejected() throws Exception {
        int status = convert(message("MSG0001", "R05.9^COUGH^I10", "M54.5^LOW BACK PAIN^I10", "R05.9^^I10~", "M54.5^^I10~"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains(line(2, "71046") + "diagnosis M545 (DG1 #2) is a category heading");
    }

    @Test
    void an_icd9_coded_diagnosis_is_refused_naming_icd9() throws Exception {
        int status = convert(message("MSG0001", "R05.9^COUGH^I10", "250.00^DIABETES^I9"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("DG1 #2: DG1-3 diagnosis 25000 is coded I9 (ICD-9)");
    }

    @Test
    void an_unassigned_place_of_service_is_rejected() throws Exception {
        int status = convert(message("MSG0001", "PV1|1|O|11^^^SUNRISE", "PV1|1|O|37"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("claim: place of service '37'").contains("not on the CMS place-of-service list");
    }

    @Test
    void a_hcpcs_code_missing_from_the_cms_file_is_rejected_when_the_file_is_loaded() throws Exception {
        int status = convert(message("MSG0001", "71046^^C4", "J9999^^HCPCS"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains(line(2, "J9999") + "procedure code J9999 (FT1 #2, FT1-7/FT1-25) is not in the HCPCS Level II file");
    }

    @Test
    void names_are_transliterated_never_question_marks() throws Exception {
        int status = convert(message("MSG0001", "PID|1||MRNACC10001^^^SUNRISE^MR||DOE^JANE^Q",
                "PID|1||MRNACC10001^^^SUNRISE^MR||MUÑOZ^JOSÉ^Q", "|DOE^JANE^Q|SEL|", "|MUÑOZ^JOSÉ^Q|SEL|"));

        assertThat(status).as(errors()).isZero();
        assertThat(written()).contains("NM1*IL*1*MUNOZ*JOSE*Q***MI*W123456789~").doesNotContain("?");
    }

    @Test
    void a_birth_date_after_the_date_of_service_is_rejected() throws Exception {
        String born = SERVICE.plusDays(1).format(HL7_DATE);
        int status = convert(message("MSG0001", "||19800215|F|||12 ELM", "||" + born + "|F|||12 ELM",
                "|SEL|19800215|", "|SEL|" + born + "|"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains(line(1, "99213") + "the date of service (FT1 #1, FT1-4) is before the patient's birth date (PID-7)");
    }

    @Test
    void a_date_of_service_beyond_the_payers_timely_filing_limit_is_rejected() throws Exception {
        LocalDate old = LocalDate.now().minusDays(400);
        int status = convert(message("MSG0001", "FT1|2|ACC10001-2||" + DOS + "|", "FT1|2|ACC10001-2||" + old.format(HL7_DATE) + "|"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("line 2 (71046, " + old + "): the date of service " + old
                + " (FT1 #2, FT1-4) is more than 365 days ago: ACME HEALTH PLAN takes claims for services on or after "
                + LocalDate.now().minusDays(365));
    }

    @Test
    void a_member_id_holding_x12_delimiters_is_refused_not_rewritten() throws Exception {
        int status = convert(message("MSG0001", "|W123456789|", "|W\\S\\555:7|"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("IN1 #1: member id (IN1-36) must be 2 to 80 letters, digits or '-' (it holds '^' (U+005E))");
        assertThat(dir.resolve("out/acme.837")).satisfiesAnyOf(
                path -> assertThat(path).doesNotExist(),
                path -> assertThat(Files.readString(path)).doesNotContain("W 555 7"));
    }

    @Test
    void a_member_id_with_odd_characters_is_refused() throws Exception {
        int status = convert(message("MSG0001", "|W123456789|", "|W-111/A B#|"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("member id (IN1-36) must be 2 to 80 letters, digits or '-' (it holds '/' (U+002F))");
    }

    @Test
    void referring_ordering_drug_suffix_and_full_street_are_written() throws Exception {
        int status = convert(message("MSG0001",
                "PV1|1|O|11^^^SUNRISE", "PV1|1|O|11^^^SUNRISE|||||1234567893^KILDARE^JAMES",
                "DOE^JANE^Q", "DOE^JANE^Q^JR", "12 ELM ST", "1000&Hospital Lane",
                "|1245319599^WELBY^MARCUS\r", "|1245319599^WELBY^MARCUS|1245319599^WELBY^MARCUS||||71046^^C4||||0182-1061-05^ASPIRIN EC^NDC\r"));

        assertThat(status).as(errors()).isZero();
        X12TestReader file = X12TestReader.read(dir.resolve("out/acme.837"));
        assertThat(written()).contains("NM1*DN*1*KILDARE*JAMES****XX*1234567893~")
                .contains("NM1*IL*1*DOE*JANE*Q**JR*MI*W123456789~N3*1000 HOSPITAL LANE~")
                .contains("REF*6R*ACC10001-2~LIN**N4*00182106105~CTP****1*UN~NM1*DK*1*WELBY*MARCUS****XX*1245319599~");
        assertThat(file.values("LIN", 3)).containsExactly("00182106105");
    }

    @Test
    void the_same_clm01_twice_in_one_run_is_rejected_naming_both_messages() throws Exception {
        int status = convert(message("MSG0001"), message("MSG0002"));

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("charges.hl7 message #2 (MSH-10 MSG0002) claim ACC10001: rejected: claim: patient control number"
                + " ACC10001 of charges.hl7 message #2 (MSH-10 MSG0002) is also the CLM01 of charges.hl7 message #1 (MSH-10 MSG0001)");
        assertThat(X12TestReader.read(dir.resolve("out/acme.837")).values("CLM", 1)).containsExactly("ACC10001");
    }

    @Test
    void segments_are_written_on_one_line_by_default() throws Exception {
        assertThat(convert(message("MSG0001"))).as(errors()).isZero();

        assertThat(written()).doesNotContain("\n").doesNotContain("\r").endsWith("~");
    }

    @Test
    void a_json_claim_sends_the_same_loops() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode claim = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.claimshub.claim.ClaimJson.mapper().readTree(Files.readString(Path.of("examples/claim.json"))
                        .replace("2026-10-20", SERVICE.toString()));
        claim.putObject("referringProvider").put("npi", "1234567893").put("lastName", "KILDARE").put("firstName", "JAMES");
        ((com.fasterxml.jackson.databind.node.ObjectNode) claim.get("patient")).put("suffix", "III");
        ((com.fasterxml.jackson.databind.node.ObjectNode) claim.get("coverages").get(0).get("insured")).put("suffix", "III");
        com.fasterxml.jackson.databind.node.ObjectNode line = (com.fasterxml.jackson.databind.node.ObjectNode) claim.get("lines").get(1);
        line.putObject("drug").put("ndc", "00409379601").put("quantity", 2).put("unit", "ML");
        line.putObject("orderingProvider").put("npi", "1245319599").put("lastName", "WELBY").put("firstName", "MARCUS");
        ((com.fasterxml.jackson.databind.node.ObjectNode) claim.get("lines").get(0).get("renderingProvider"))
                .put("taxonomy", "207Q00000X");
        Path file = dir.resolve("in/claim.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, claim.toString());

        int status = ClaimsHub.run(List.of("convert", "--config", "config", "--clinic", "sunrise", "--codesets",
                        dir.resolve("codesets").toString(), "--out", dir.resolve("out").toString(), file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).as(errors()).isZero();
        assertThat(written()).contains("NM1*IL*1*DOE*JANE*Q**III*MI*W123456789~")
                .contains("NM1*DN*1*KILDARE*JAMES****XX*1234567893~NM1*82*1*WELBY*MARCUS****XX*1245319599~PRV*PE*PXC*207Q00000X~")
                .contains("REF*6R*ACC20001-2~LIN**N4*00409379601~CTP****2*ML~NM1*DK*1*WELBY*MARCUS****XX*1245319599~");
    }

    @Test
    void a_malformed_code_set_file_stops_the_command_naming_file_and_line() throws Exception {
        Files.writeString(dir.resolve("codesets/hcpcs/HCPC2026_JAN_ANWEB.txt"), "J1885001003Ketorolac\nJ18\n");

        assertThat(convert(message("MSG0001"))).isEqualTo(2);
        assertThat(errors()).contains("HCPC2026_JAN_ANWEB.txt line 2: not a HCPCS record");
    }

    @Test
    void the_payer_name_in_2010bb_comes_from_payers_yaml_like_1000b() throws Exception {
        assertThat(convert(message("MSG0001", "|ACME|ACME HEALTH PLAN|", "|ACME|ACME HLTH PLN OF CT|"))).as(errors()).isZero();

        X12TestReader file = X12TestReader.read(dir.resolve("out/acme.837"));
        assertThat(file.segments("NM1").stream().filter(s -> s.element(1).equals("PR") || s.element(1).equals("40"))
                .map(s -> s.element(3))).containsExactly("ACME HEALTH PLAN", "ACME HEALTH PLAN");
    }
}
