package io.claimshub.replies;

import io.claimshub.ledger.ReplyLedger;
import io.claimshub.x12.replies.Remittance835Check;
import io.claimshub.x12.replies.X12Replies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.claimshub.replies.ReplyHub.claim;
import static io.claimshub.testing.Fixtures.allFiles;
import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published 835s split per clinic: each clinic's copy is an 835 of its own that StAEDI reads without a
 * validation error and that balances (BPR02 = ΣCLP04 − ΣPLB), with its provider-level adjustments.
 */
class RemittanceSplitTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void medicare_part_a_split_between_two_clinics_balances_each_copy_and_keeps_the_plb_with_its_provider(String database)
            throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir, new ReplyHub.ClinicSpec("regional", "6543210903", "111111111"),
                new ReplyHub.ClinicSpec("annex", "6543210909", "222222222"))) {
            hub.send("medicare", List.of(claim("regional", "666123", "211366.97")), List.of(claim("annex", "777777", "15000.00")));

            hub.accept("medicare", sample("medicare-part-a.835"), "medicare-part-a.x12");

            Remittance835Check.SetTotals regional = onlySet(copy(hub, "regional"));
            Remittance835Check.SetTotals annex = onlySet(copy(hub, "annex"));
            assertThat(regional.bpr02()).isEqualByComparingTo("138019.67");
            assertThat(regional.providerAdjustments()).isEqualByComparingTo("-1.27");
            assertThat(regional.plbSegments()).isEqualTo(1);
            assertThat(annex.bpr02()).isEqualByComparingTo("11980.33");
            assertThat(annex.plbSegments()).isZero();
            assertThat(regional.bpr02().add(annex.bpr02())).as("the copies add up to the payment").isEqualByComparingTo("150000.00");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_claim_the_hub_did_not_send_stays_in_its_payees_copy_and_is_listed_unmatched(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir, new ReplyHub.ClinicSpec("acme", "5544667733", "777667755"))) {
            hub.send("acme", List.of(claim("acme", "5554555444", "800.00")));

            ReplyFileResult result = hub.accept("acme", sample("managed-care.835"), "managed-care.x12");

            assertThat(result.unmatched()).isEqualTo(1);
            assertThat(hub.replies.unmatched("acme")).extracting(ReplyLedger.UnmatchedRow::reference)
                    .containsExactly("CLM01 8765432112");
            Remittance835Check.SetTotals copy = onlySet(copy(hub, "acme"));
            assertThat(copy.clpSegments()).isEqualTo(2);
            assertThat(copy.bpr02()).isEqualByComparingTo("945.00");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void secondary_payments_reach_the_payee_found_by_tax_id_balanced(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir, new ReplyHub.ClinicSpec("acme", "5544667733", "599944521"),
                new ReplyHub.ClinicSpec("other", "1234567893", "123456789"))) {
            hub.send("acme", List.of(claim("acme", "L0004828311", "10323.64")), List.of(claim("other", "0001000053", "751.50")));

            hub.accept("acme", sample("secondary-payments.edi"), "secondary.x12");

            assertThat(onlySet(copy(hub, "acme")).bpr02()).isEqualByComparingTo("912");
            assertThat(onlySet(copy(hub, "other")).bpr02()).isEqualByComparingTo("310");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_cob_sample_for_one_clinic_reaches_it_whole_and_balanced(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir, new ReplyHub.ClinicSpec("atone", "1234567893", "3UR334563"))) {
            hub.send("acme", List.of(claim("atone", "0001000055", "541.00")));

            hub.accept("acme", sample("cob-contractural-adjustment.835"), "cob.x12");

            assertThat(onlySet(copy(hub, "atone")).bpr02()).isEqualByComparingTo("34.00");
        }
    }

    @Test
    void a_plb_for_a_provider_the_hub_does_not_know_goes_to_the_unmatched_area_and_no_copy() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "S1", "100")));
            byte[] era = X12Replies.file().interchange("000000655").group("HP", "655", "005010X221A1")
                    .set("835", "0001", "005010X221A1",
                            seg("BPR", "I", "105", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20261120"),
                            seg("TRN", "1", "CHK77", "1600054000"), seg("N1", "PR", "ACME HEALTH PLAN"),
                            seg("N1", "PE", "CLINIC", "XX", ReplyHub.SUNRISE_NPI), seg("LX", "1"),
                            seg("CLP", "S1", "1", "100", "100", "", "12", "PCN1"), seg("NM1", "QC", "1", "PATIENT", "TEST"),
                            seg("PLB", ReplyHub.SUNRISE_NPI, "20261231", comp("L6", "INT1"), "-2.50"),
                            seg("PLB", "1999999984", "20261231", comp("WO", "X9"), "-2.50"))
                    .bytes();

            hub.accept("acme", era, "era.835");

            Remittance835Check.SetTotals sunrise = onlySet(copy(hub, "sunrise"));
            assertThat(sunrise.bpr02()).isEqualByComparingTo("102.50");
            assertThat(sunrise.plbSegments()).isEqualTo(1);
            assertThat(hub.replies.unmatched("acme")).singleElement().satisfies(row -> {
                assertThat(row.kind()).isEqualTo("PLB");
                assertThat(row.reference()).isEqualTo("PLB01 1999999984");
                assertThat(row.detail()).contains("WO").contains("X9").contains("-2.50");
            });
        }
    }

    @Test
    void the_check_used_here_catches_a_wrong_segment_count_and_an_unbalanced_payment() throws Exception {
        String original = new String(sample("medicare-part-a.835"), java.nio.charset.StandardCharsets.US_ASCII);

        Remittance835Check.Result published = Remittance835Check.check(original.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Remittance835Check.Result miscounted = Remittance835Check.check(original.replace("SE*28*1234", "SE*27*1234")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Remittance835Check.Result unbalanced = Remittance835Check.check(original.replace("BPR*C*150000.00", "BPR*C*150001.00")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(published.errors()).isEmpty();
        assertThat(published.sets()).singleElement().satisfies(set -> assertThat(set.balanced()).isTrue());
        assertThat(miscounted.errors()).isNotEmpty();
        assertThat(unbalanced.sets()).singleElement().satisfies(set -> assertThat(set.balanced()).isFalse());
    }

    /** The clinic's 835 copy, checked: StAEDI finds no error in it and every set balances. */
    private static Remittance835Check.Result copy(ReplyHub hub, String clinicId) throws Exception {
        List<Path> copies = allFiles(hub.outbox(clinicId)).stream()
                .filter(p -> !p.toString().endsWith(".json")).toList();
        assertThat(copies).as("one 835 for " + clinicId).hasSize(1);
        Remittance835Check.Result result = Remittance835Check.check(Files.readAllBytes(copies.get(0)));
        assertThat(result.errors()).as("StAEDI validation of " + copies.get(0).getFileName()).isEmpty();
        assertThat(result.sets()).allSatisfy(set -> assertThat(set.balanced())
                .as("BPR02 " + set.bpr02() + " = ΣCLP04 " + set.claimsPaid() + " − ΣPLB " + set.providerAdjustments())
                .isTrue());
        return result;
    }

    private static Remittance835Check.SetTotals onlySet(Remittance835Check.Result result) {
        assertThat(result.sets()).hasSize(1);
        return result.sets().get(0);
    }

    static byte[] sample(String name) throws Exception {
        try (InputStream in = RemittanceSplitTest.class.getResourceAsStream("/x12/005010X221A1/" + name)) {
            return in.readAllBytes();
        }
    }
}
