package io.claimshub.hl7;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Provider;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.claimshub.hl7.Hl7Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Real-world DFT^P03 samples from other projects (see src/test/resources/hl7/samples/SOURCES.md). */
class SampleMessagesTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final DftMapper MAPPER = new DftMapper();

    private static List<MappingResult> mapFile(String name) throws IOException, Hl7Exception {
        List<MappingResult> results = new ArrayList<>();
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(read(name)))) {
            while (reader.hasNext()) {
                results.add(MAPPER.map(PARSER.parse(reader.next().er7())));
            }
        }
        return results;
    }

    @Test
    void fhir_converter_v2_8_sample_01_maps_its_two_charges() throws Exception {
        List<MappingResult> results = mapFile("samples/fhir-converter-DFT-P03-01.hl7");

        assertThat(results).hasSize(1);
        // Its diagnoses are SNOMED CT (SCT): no payer takes them on a claim.
        assertThat(results.get(0).problems()).extracting(Reason::text).containsExactly(
                "FT1 #1: FT1-19 diagnosis 29857009 is coded SCT, not ICD-10-CM; send the ICD-10-CM code (coding system I10)",
                "FT1 #1: FT1-19 diagnosis 68235000 is coded SCT, not ICD-10-CM; send the ICD-10-CM code (coding system I10)",
                "FT1 #2: FT1-19 diagnosis 29857009 is coded SCT, not ICD-10-CM; send the ICD-10-CM code (coding system I10)",
                "DG1 #1: DG1-3 diagnosis 29857009 is coded SCT, not ICD-10-CM; send the ICD-10-CM code (coding system I10)",
                "DG1 #2: DG1-3 diagnosis 68235000 is coded SCT, not ICD-10-CM; send the ICD-10-CM code (coding system I10)");
        Claim claim = results.get(0).claim();
        assertThat(claim.patientControlNumber()).isEqualTo("4000776");
        assertThat(claim.totalCharge()).isEqualByComparingTo("220");
        assertThat(claim.lines()).extracting(ServiceLine::procedureCode, ServiceLine::modifiers, ServiceLine::units)
                .containsExactly(tuple("71045", List.of("26"), new BigDecimal("2")),
                        tuple("99011", List.of(), BigDecimal.ONE));
        assertThat(claim.lines().get(0).renderingProvider()).isEqualTo(new Provider("9941339108", "Smith", "Adam"));
        assertThat(claim.primaryCoverage().relationshipCode()).isEqualTo("01");
        assertThat(claim.primaryCoverage().insured().lastName()).isEqualTo("Doe");
    }

    @Test
    void fhir_converter_v2_8_sample_02_finds_charges_in_separate_financial_groups() throws Exception {
        Claim claim = mapFile("samples/fhir-converter-DFT-P03-02.hl7").get(0).claim();

        assertThat(claim.lines()).extracting(ServiceLine::origin, ServiceLine::chargeAmount)
                .containsExactly(tuple("FT1 #1", new BigDecimal("100")), tuple("FT1 #2", new BigDecimal("120")));
    }

    @Test
    void node_hl7_sample_maps_both_messages_and_reports_what_a_claim_still_lacks() throws Exception {
        List<MappingResult> results = mapFile("samples/node-hl7-complete-dft-example.hl7");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).claim().lines()).extracting(ServiceLine::procedureCode, ServiceLine::modifiers)
                .containsExactly(tuple("73630", List.of("RT", "GA")));
        assertThat(results.get(1).claim().lines().get(0).diagnosisPointers()).containsExactly(1, 2);
        assertThat(results).allSatisfy(result -> assertThat(result.problems()).extracting(Reason::code)
                .containsExactly("NO_PATIENT_CONTROL_NUMBER", "NO_CHARGE_AMOUNT", "NO_INSURANCE"));
    }
}
