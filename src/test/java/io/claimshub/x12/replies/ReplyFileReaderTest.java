package io.claimshub.x12.replies;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Published reply samples (src/test/resources/x12/SOURCES.tsv) and files written with StAEDI, read into records. */
class ReplyFileReaderTest {

    private final ReplyFileReader reader = new ReplyFileReader();

    @Test
    void an_accepted_999_names_the_group_and_set_it_answers() throws Exception {
        ReplyFile file = reader.read(sample("005010X231A1/x12_999_accepted.txt"));

        ImplementationAck ack = file.implementationAcks().get(0);
        assertThat(ack.groupControlNumber()).isEqualTo("17456");
        assertThat(ack.groupAckCode()).isEqualTo("A");
        assertThat(ack.sets()).singleElement().satisfies(set -> {
            assertThat(set.controlNumber()).isEqualTo("0001");
            assertThat(set.rejected()).isFalse();
        });
    }

    @Test
    void a_rejected_999_with_a_bar_component_separator_keeps_its_segment_error() throws Exception {
        ReplyFile file = reader.read(sample("005010X231A1/x12_999_rejected.txt"));

        ImplementationAck.SetAck set = file.implementationAcks().get(0).sets().get(0);
        assertThat(set.rejected()).isTrue();
        assertThat(set.setErrorCodes()).containsExactly("5");
        assertThat(set.errors()).singleElement().satisfies(error -> {
            assertThat(error.segmentId()).isEqualTo("NM");
            assertThat(error.position()).isEqualTo("17");
            assertThat(error.code()).isEqualTo("1");
        });
    }

    @Test
    void a_ta1_before_the_999_in_one_interchange_is_read_as_well() throws Exception {
        ReplyFile file = reader.read(sample("005010X231A1/x12_999_accepted_ta1.txt"));

        assertThat(file.interchangeAcks()).singleElement().satisfies(ta1 -> {
            assertThat(ta1.interchangeControlNumber()).isEqualTo("101");
            assertThat(ta1.ackCode()).isEqualTo("A");
            assertThat(ta1.noteCode()).isEqualTo("000");
        });
        assertThat(file.implementationAcks().get(0).sets().get(0).errors()).extracting(ImplementationAck.SegmentError::segmentId)
                .containsExactly("CLM", "CLM");
        assertThat(file.kinds()).isEqualTo("TA1+999");
    }

    @Test
    void a_999_for_three_sets_after_a_byte_order_mark_has_element_errors_and_context() throws Exception {
        ReplyFile file = reader.read(sample("005010X231A1/response-to-functional-group-containing-3-837s.edi"));

        ImplementationAck ack = file.implementationAcks().get(0);
        assertThat(ack.groupAckCode()).isEqualTo("P");
        assertThat(ack.sets()).extracting(ImplementationAck.SetAck::ackCode).containsExactly("A", "R", "R");
        ImplementationAck.SegmentError clm = ack.sets().get(1).errors().get(0);
        assertThat(clm.context()).containsExactly("CLM01:123456789");
        assertThat(clm.elements()).singleElement().satisfies(e -> {
            assertThat(e.position()).isEqualTo("2");
            assertThat(e.reference()).isEqualTo("782");
            assertThat(e.code()).isEqualTo("1");
        });
    }

    @Test
    void an_accepted_277ca_gives_the_claim_number_payer_claim_number_and_provider() throws Exception {
        ReplyFile file = reader.read(sample("005010X214/x12_277CA_accepted.txt"));

        assertThat(file.claimAcks()).singleElement().satisfies(claim -> {
            assertThat(claim.clm01()).isEqualTo("5781");
            assertThat(claim.payerClaimNumber()).isEqualTo("1107000000014420");
            assertThat(claim.providerQualifier()).isEqualTo("XX");
            assertThat(claim.providerId()).isEqualTo("1234567890");
            assertThat(claim.statuses()).containsExactly(new ClaimAck.Status("A2", "20", "", ""));
            assertThat(claim.charge()).isEqualByComparingTo("125");
        });
    }

    @Test
    void a_rejected_277ca_keeps_category_status_and_entity() throws Exception {
        ReplyFile file = reader.read(sample("005010X214/x12_277CA_rejected.txt"));

        assertThat(file.claimAcks()).singleElement().satisfies(claim -> {
            assertThat(claim.clm01()).isEqualTo("3920394930203");
            assertThat(claim.statuses()).containsExactly(new ClaimAck.Status("A7", "562", "85", ""));
        });
    }

    @Test
    void an_835_with_nine_claims_on_one_check_gives_amounts_lines_and_adjustments() throws Exception {
        Remittance remittance = reader.read(sample("005010X221A1/multiple-claims-single-check.edi")).remittances().get(0);

        assertThat(remittance.checkNumber()).isEqualTo("12345");
        assertThat(remittance.paymentDate()).isEqualTo(java.time.LocalDate.of(2014, 3, 31));
        assertThat(remittance.paymentAmount()).isEqualByComparingTo("810.8");
        assertThat(remittance.claims()).hasSize(9);
        Remittance.ClaimPayment first = remittance.claims().get(0);
        assertThat(first.clm01()).isEqualTo("7722337");
        assertThat(first.charge()).isEqualByComparingTo("226");
        assertThat(first.paid()).isEqualByComparingTo("132");
        assertThat(first.lines()).hasSize(5);
        assertThat(first.lines().get(0).adjustments()).containsExactly(new Remittance.Adjustment("CO", "131", new BigDecimal("21")));
        assertThat(remittance.claims().stream().mapToInt(c -> c.lines().size()).sum()).isEqualTo(33);
    }

    @Test
    void an_835_separates_claim_level_and_line_level_adjustments_and_reads_the_payee() throws Exception {
        Remittance remittance = reader.read(sample("005010X221A1/dollars-and-data-sent-separate.edi")).remittances().get(0);

        assertThat(remittance.payeeNpi()).isEqualTo("5544667733");
        assertThat(remittance.payeeTaxId()).isEqualTo("777667755");
        Remittance.ClaimPayment second = remittance.claims().get(1);
        assertThat(second.patientResponsibility()).isEqualByComparingTo("600");
        assertThat(second.adjustments()).containsExactly(new Remittance.Adjustment("CO", "A2", new BigDecimal("55")));
        assertThat(second.lines().get(0).adjustments()).containsExactly(
                new Remittance.Adjustment("PR", "1", new BigDecimal("600")),
                new Remittance.Adjustment("CO", "45", new BigDecimal("50")));
    }

    @Test
    void an_835_with_a_negative_adjustment_and_secondary_processing_is_read() throws Exception {
        Remittance.ClaimPayment claim = reader.read(sample("005010X221A1/cob-contractural-adjustment.835")).remittances()
                .get(0).claims().get(0);

        assertThat(claim.statusCode()).isEqualTo("2");
        assertThat(claim.lines().get(0).adjustments()).contains(new Remittance.Adjustment("OA", "94", new BigDecimal("-9.00")));
    }

    @Test
    void several_interchanges_groups_and_sets_with_unusual_delimiters_are_all_read() throws Exception {
        byte[] bytes = X12Replies.file('|', '>', '\n')
                .interchange("000000010").ta1("000000007", "R", "024")
                .group("FA", "8", "005010X231A1")
                .set("999", "0001", "005010X231A1", seg("AK1", "HC", "8", "005010X222A1"), seg("AK2", "837", "000000008"),
                        seg("IK5", "A"), seg("AK9", "A", "1", "1", "1"))
                .set("999", "0002", "005010X231A1", seg("AK1", "HC", "9", "005010X222A1"), seg("AK2", "837", "000000009"),
                        seg("IK3", "CLM", "12", "2300", "8"), seg("IK4", comp("5", "3"), "1331", "7", "99"),
                        seg("IK5", "R", "5"), seg("AK9", "R", "1", "1", "0"))
                .interchange("000000011")
                .group("HN", "11", "005010X214")
                .set("277", "0001", "005010X214", seg("HL", "1", "", "20", "1"), seg("HL", "4", "3", "PT"),
                        seg("TRN", "2", "ACC1"), seg("STC", comp("A3", "21"), "20261101", "U", "10"))
                .bytes();

        ReplyFile file = reader.read(bytes);

        assertThat(file.interchanges()).hasSize(2);
        assertThat(file.interchanges().get(0).delimiters()).isEqualTo(new X12Envelope.Delimiters('|', '>', '^', '\n'));
        assertThat(file.interchangeAcks()).singleElement().satisfies(t -> assertThat(t.rejected()).isTrue());
        assertThat(file.implementationAcks()).extracting(ImplementationAck::groupControlNumber).containsExactly("8", "9");
        assertThat(file.implementationAcks().get(1).sets().get(0).errors().get(0).elements())
                .containsExactly(new ImplementationAck.ElementError("5", "3", "1331", "7", "99"));
        assertThat(file.claimAcks()).singleElement().satisfies(c -> {
            assertThat(c.clm01()).isEqualTo("ACC1");
            assertThat(c.statuses()).containsExactly(new ClaimAck.Status("A3", "21", "", ""));
        });
    }

    @Test
    void a_file_that_is_not_x12_is_refused_with_the_reason() {
        assertThatThrownBy(() -> reader.read("MSH|^~\\&|EHR|SUNRISE\r".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(X12ReplyException.class)
                .hasMessage("not X12: the file does not start with an ISA segment");
        assertThatThrownBy(() -> reader.read(new byte[0])).hasMessage("not X12: the file is empty");
    }

    @Test
    void a_truncated_file_is_refused_naming_where_it_ends() throws Exception {
        String whole = new String(sample("005010X214/x12_277CA_rejected.txt"), StandardCharsets.US_ASCII);
        String truncated = whole.substring(0, whole.indexOf("SE*24"));

        assertThatThrownBy(() -> reader.read(truncated.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(X12ReplyException.class)
                .hasMessageContaining("segment 25 (DTP)")
                .hasMessageContaining("Unexpected end of stream");
    }

    @Test
    void a_set_whose_segment_count_is_wrong_is_refused_with_its_position() throws Exception {
        String whole = new String(sample("005010X231A1/x12_999_rejected.txt"), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> reader.read(whole.replace("SE*7*", "SE*9*").getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("segment 9 (SE): SE01 says 9 segments but the set begun at segment 3 (ST) has 7");
    }

    @Test
    void a_bad_amount_names_its_segment_and_element() {
        byte[] bytes = X12Replies.file().interchange("000000001").group("HP", "1", "005010X221A1")
                .set("835", "0001", "005010X221A1", seg("BPR", "I", "12,00", "C", "CHK"), seg("TRN", "1", "CHK1", "1"))
                .bytes();

        assertThatThrownBy(() -> reader.read(bytes)).hasMessage("broken X12 at segment 4 (BPR) element 2: '12,00' is not an amount");
    }

    @Test
    void a_277_claim_status_response_is_not_taken_for_a_277ca() {
        assertThatThrownBy(() -> reader.read(sample("005010X212/claim-level-status.277")))
                .hasMessageContaining("is a 277 of 005010X212; only the 277CA claim acknowledgement (005010X214)");
    }

    @Test
    void an_837_is_not_a_reply() {
        assertThatThrownBy(() -> reader.read(resource("/x12/005010X222A1/two-claims.837")))
                .hasMessageContaining("is a transaction set 837");
    }

    @Test
    void the_medicare_part_a_835_gives_its_plb_with_provider_reason_reference_and_amount_and_its_remarks() throws Exception {
        Remittance remittance = reader.read(sample("005010X221A1/medicare-part-a.835")).remittances().get(0);

        assertThat(remittance.providerAdjustments()).singleElement().satisfies(plb -> {
            assertThat(plb.providerId()).isEqualTo("6543210903");
            assertThat(plb.fiscalPeriodDate()).isEqualTo("20021231");
            assertThat(plb.reasonCode()).isEqualTo("CV");
            assertThat(plb.reference()).isEqualTo("CP");
            assertThat(plb.amount()).isEqualByComparingTo("-1.27");
        });
        assertThat(remittance.paymentAmount()).isEqualByComparingTo(remittance.claims().stream()
                .map(Remittance.ClaimPayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(remittance.providerAdjustments().get(0).amount()));
        assertThat(remittance.claims().get(1).remarks()).containsExactly("MA02");
        assertThat(remittance.paymentDate()).isEqualTo(java.time.LocalDate.of(2002, 9, 13));
    }

    @Test
    void a_payment_date_that_is_no_calendar_date_is_left_empty_and_named() throws Exception {
        Remittance remittance = reader.read(sample("005010X221A1/managed-care.835")).remittances().get(0);

        assertThat(remittance.paymentDate()).isNull();
        assertThat(remittance.dateProblems()).singleElement().asString()
                .startsWith("BPR16 '20002316' is not a valid date (CCYYMMDD) at segment 4 (BPR)");
    }

    @Test
    void line_allowed_amounts_and_patient_shares_come_from_amt_b6_and_pr_adjustments() throws Exception {
        Remittance remittance = reader.read(sample("005010X221A1/secondary-payments.edi")).remittances().get(0);

        Remittance.LinePayment line = remittance.claims().get(1).lines().get(1);
        assertThat(line.allowed()).isEqualByComparingTo("500");
        assertThat(line.patientResponsibility()).isEqualByComparingTo("220");
        assertThat(remittance.claims().get(0).allowed()).as("AMT*AU").isEqualByComparingTo("912");
    }

    @Test
    void a_277ca_rejection_above_the_claims_is_read_with_its_level_file_trace_and_provider() throws Exception {
        byte[] content = X12Replies.file().interchange("000000323").group("HN", "323", "005010X214")
                .set("277", "0001", "005010X214", seg("BHT", "0085", "08", "1", "20261101", "1200", "TH"),
                        seg("HL", "1", "", "20", "1"), seg("NM1", "PR", "2", "PAYER", "", "", "", "", "PI", "60054"),
                        seg("HL", "2", "1", "21", "1"), seg("NM1", "41", "2", "HUB", "", "", "", "", "46", "HUB01"),
                        seg("TRN", "2", "1042"), seg("STC", comp("A1", "19", "PR"), "20261101", "WQ", "230"),
                        seg("HL", "3", "2", "19", "0"), seg("NM1", "85", "2", "CLINIC", "", "", "", "", "XX", "1234567893"),
                        seg("STC", comp("A3", "562", "85"), "20261101", "U", "180"))
                .bytes();

        ReplyFile file = reader.read(content);

        assertThat(file.claimAcks()).isEmpty();
        assertThat(file.levelAcks()).extracting(LevelAck::level, LevelAck::fileTrace, LevelAck::providerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LevelAck.Level.INFORMATION_RECEIVER, "1042", ""),
                        org.assertj.core.groups.Tuple.tuple(LevelAck.Level.BILLING_PROVIDER, "1042", "1234567893"));
        assertThat(file.levelAcks().get(1).statuses()).containsExactly(new ClaimAck.Status("A3", "562", "85", ""));
        assertThat(file.kinds()).isEqualTo("277CA");
    }

    static byte[] sample(String path) throws IOException {
        return resource("/x12/" + path);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ReplyFileReaderTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
