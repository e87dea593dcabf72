package io.claimshub.x12;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Drug;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden 837P files, byte for byte, for the loops and text rules payers require: referring provider
 * (2310A), an NDC drug line (2410) with a line-level ordering provider (2420E) and a rendering taxonomy
 * (PRV*PE), a name suffix (NM107), transliterated names, and a payer that wants a line break after each
 * segment. Each file is also read back by StAEDI's validating reader.
 */
class Claim837GoldenTest {

    private static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 2, 9, 30);
    private static final Provider KILDARE = new Provider("1234567893", "Kildare", "James");

    private final Claim837Writer writer = new Claim837Writer();

    @Test
    void referring_provider_is_written_in_2310a() throws IOException {
        Claim base = X12Fixtures.selfInsured("REF1001");
        Claim claim = withReferring(base, KILDARE);

        assertGolden("referring-provider.837", write(claim, false));
    }

    @Test
    void a_drug_line_carries_lin_n4_and_ctp_and_a_differing_ordering_provider_gets_2420e() throws IOException {
        Claim base = X12Fixtures.selfInsured("NDC1001");
        ServiceLine first = base.lines().get(0);
        ServiceLine visit = new ServiceLine(first.origin(), first.lineControlNumber(), first.serviceDate(), first.procedureCode(),
                first.modifiers(), first.units(), first.chargeAmount(), first.diagnosisPointers(),
                X12Fixtures.WELBY.withTaxonomy("207Q00000X"));
        ServiceLine injection = new ServiceLine("FT1 #2", "NDC1001-2", visit.serviceDate(), "J1885", List.of(), new BigDecimal("2"),
                new BigDecimal("30.00"), List.of(1), X12Fixtures.WELBY.withTaxonomy("207Q00000X"),
                new Provider("1245319599", "Welby", "Marcus"), null, new Drug("00409379601", new BigDecimal("2"), "ML"));
        Claim claim = new Claim("NDC1001", new BigDecimal("175.00"), "1", null, null, null, null, base.patient(),
                base.coverages(), base.diagnoses(), List.of(visit, injection), List.of(), KILDARE);

        assertGolden("ndc-line.837", write(claim, false));
    }

    @Test
    void a_name_suffix_is_written_in_nm107() throws IOException {
        Person patient = new Person("Doe", "John", "R", LocalDate.of(1950, 7, 4), "M",
                new Address("1000 Hospital Lane", null, "Springfield", "IL", "627011234"), "Jr");
        Claim claim = X12Fixtures.claim("SFX1001", patient,
                new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP100", "W123456789", "18", patient));

        assertGolden("suffix.837", write(claim, false));
    }

    @Test
    void accented_and_special_letters_are_transliterated_never_question_marks() throws IOException {
        Person patient = new Person("Muñoz Straße", "José", "Æsa", LocalDate.of(1975, 1, 31), "M",
                new Address("12 Calle Peñón", null, "Española", "NM", "87532"), null);
        Claim claim = X12Fixtures.claim("TRN1001", patient,
                new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP100", "W123456789", "18", patient));

        byte[] written = write(claim, false);

        assertGolden("transliterated-names.837", written);
        assertThat(new String(written, StandardCharsets.US_ASCII)).doesNotContain("?")
                .contains("NM1*IL*1*MUNOZ STRASSE*JOSE*AESA***MI*W123456789~N3*12 CALLE PENON~N4*ESPANOLA*NM*87532~");
    }

    @Test
    void a_payer_that_wants_line_breaks_gets_one_segment_per_line_and_the_default_is_one_line() throws IOException {
        Claim claim = X12Fixtures.selfInsured("NLN1001");

        byte[] withNewlines = write(claim, true);
        byte[] oneLine = write(claim, false);

        assertGolden("newline-after-segments.837", withNewlines);
        assertThat(new String(oneLine, StandardCharsets.US_ASCII)).doesNotContain("\n")
                .isEqualTo(new String(withNewlines, StandardCharsets.US_ASCII).replace("\n", ""));
    }

    @Test
    void a_line_referring_provider_gets_2420f_only_where_it_differs_and_a_configured_taxonomy_gives_prv_pe() throws IOException {
        Claim base = X12Fixtures.selfInsured("LRF1001");
        ServiceLine first = base.lines().get(0);
        ServiceLine second = base.lines().get(1);
        ServiceLine sameAsClaim = new ServiceLine(first.origin(), first.lineControlNumber(), first.serviceDate(), first.procedureCode(),
                first.modifiers(), first.units(), first.chargeAmount(), first.diagnosisPointers(), first.renderingProvider(),
                null, KILDARE, null);
        ServiceLine other = new ServiceLine(second.origin(), second.lineControlNumber(), second.serviceDate(), second.procedureCode(),
                second.modifiers(), second.units(), second.chargeAmount(), second.diagnosisPointers(), second.renderingProvider(),
                null, new Provider("1245319599", "Welby", "Marcus"), null);
        Claim claim = new Claim("LRF1001", base.totalCharge(), "1", null, null, null, null, base.patient(), base.coverages(),
                base.diagnoses(), List.of(sameAsClaim, other), List.of(), KILDARE);
        io.claimshub.config.ClinicConfig plain = X12Fixtures.clinic("sunrise", "1234567893");
        io.claimshub.config.ClinicConfig clinic = new io.claimshub.config.ClinicConfig(plain.id(), plain.name(), plain.npi(),
                plain.taxId(), plain.taxonomy(), plain.address(), plain.placeOfService(), plain.submitter(),
                plain.sendingFacilities(), plain.inbox(), plain.outbox(), plain.replyTo(), null,
                plain.billSecondary(), java.util.Map.of("1245319599", "207R00000X"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(new Interchange837(X12Fixtures.payer(PayerConfig.Delimiters.DEFAULT), 502, CREATED, "502",
                List.of(new TransactionSet837("000000502", clinic, List.of(claim)))), out);
        String text = out.toString(StandardCharsets.US_ASCII);

        X12TestReader.read(out.toByteArray());
        assertThat(text).contains("NM1*DN*1*KILDARE*JAMES****XX*1234567893~NM1*82*1*WELBY*MARCUS****XX*1245319599~PRV*PE*PXC*207R00000X~")
                .contains("REF*6R*LRF1001-2~NM1*82*1*OTHER*DOC****XX*1234567893~NM1*DN*1*WELBY*MARCUS****XX*1245319599~SE*");
        assertThat(text.split("NM1\\*DN\\*", -1)).hasSize(3);
    }

    private static Claim withReferring(Claim c, Provider referring) {
        return new Claim(c.patientControlNumber(), c.totalCharge(), c.frequencyCode(), c.originalPayerClaimNumber(),
                c.placeOfService(), c.priorAuthorization(), c.onsetDate(), c.patient(), c.coverages(), c.diagnoses(),
                c.lines(), c.otherTransactions(), referring);
    }

    private byte[] write(Claim claim, boolean newline) throws IOException {
        PayerConfig base = X12Fixtures.payer(PayerConfig.Delimiters.DEFAULT);
        PayerConfig payer = new PayerConfig(base.id(), base.name(), base.payerId(), base.match(), base.claimFilingIndicator(),
                base.interchange(), base.batch(), base.delivery(), base.replies(), base.delimiters(), 365, newline);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(new Interchange837(payer, 501, CREATED, "501",
                List.of(new TransactionSet837("000000501", X12Fixtures.clinic("sunrise", "1234567893"), List.of(claim)))), out);
        return out.toByteArray();
    }

    private static void assertGolden(String name, byte[] written) throws IOException {
        X12TestReader.read(written);
        try (InputStream golden = Claim837GoldenTest.class.getResourceAsStream("/x12/005010X222A1/" + name)) {
            assertThat(golden).as("golden file %s", name).isNotNull();
            assertThat(new String(written, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(golden.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }
}
