package io.claimshub.config;

import io.claimshub.claim.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.FOLDER_DELIVERY;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.load;
import static io.claimshub.config.PartnerFiles.payerProblems;
import static org.assertj.core.api.Assertions.assertThat;

/** A paper payer's delivery in payers.yaml: folder, mode, printer offset and mailing address, one broken key per case. */
class PaperDeliveryCheckTest {

    private static final String ADDRESS = "address: { line1: PO Box 1500, city: Des Moines, state: ia, zip: \"50306\" }";
    private static final String INTERCHANGE = "    interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ,"
            + " receiverId: ACMEHP, usage: T }\n";

    @TempDir
    Path dir;

    private PayerConfig payerWith(String delivery) throws ConfigException {
        return load(dir, CLINICS, edit(PAYERS, FOLDER_DELIVERY, delivery)).payers().get(0);
    }

    private List<String> problemsWith(String delivery) {
        return payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY, delivery));
    }

    @Test
    void reads_a_paper_delivery_with_data_mode_and_no_offset_by_default() throws ConfigException {
        PayerConfig.Delivery delivery = payerWith("delivery: { type: paper, folder: data/paper/acme, " + ADDRESS + " }")
                .delivery();

        assertThat(delivery).isEqualTo(new PayerConfig.Delivery.Printed(dir.resolve("data/paper/acme"),
                new PayerConfig.Paper(PayerConfig.PaperMode.DATA, 0, 0,
                        new Address("PO Box 1500", null, "Des Moines", "IA", "50306"))));
    }

    @Test
    void reads_form_mode_and_a_printer_offset_in_tenths_of_an_inch() throws ConfigException {
        PayerConfig.Paper paper = ((PayerConfig.Delivery.Printed) payerWith("delivery: { type: paper, folder: out,"
                + " mode: form, offset: { x: -2, y: 3 }, " + ADDRESS + " }").delivery()).paper();

        assertThat(paper.mode()).isEqualTo(PayerConfig.PaperMode.FORM);
        assertThat(paper.offsetX()).isEqualTo(-2);
        assertThat(paper.offsetY()).isEqualTo(3);
    }

    @Test
    void a_paper_payer_needs_no_interchange() throws ConfigException {
        String payers = edit(edit(PAYERS, FOLDER_DELIVERY, "delivery: { type: paper, folder: out, " + ADDRESS + " }"),
                INTERCHANGE, "");
        assertThat(load(dir, CLINICS, payers).payers().get(0).interchange()).isNull();
    }

    @Test
    void an_electronic_payer_still_needs_its_interchange() {
        assertThat(payerProblems(dir, edit(PAYERS, INTERCHANGE, ""))).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'interchange'");
    }

    @Test
    void needs_the_folder_and_the_mailing_address() {
        assertThat(problemsWith("delivery: { type: paper }")).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.folder'",
                "payers.yaml: payer 'acme': missing required key 'delivery.address'");
    }

    @Test
    void rejects_an_unknown_mode() {
        assertThat(problemsWith("delivery: { type: paper, folder: out, mode: ocr, " + ADDRESS + " }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.mode': 'ocr' is not a paper mode; use data (text for the"
                        + " red-ink form in the printer) or form (text over a drawn form)");
    }

    @Test
    void rejects_an_offset_of_more_than_an_inch() {
        assertThat(problemsWith("delivery: { type: paper, folder: out, offset: { x: 11 }, " + ADDRESS + " }"))
                .containsExactly("payers.yaml: payer 'acme': key 'delivery.offset.x': 11 must be a whole number from -10 to 10");
    }

    @Test
    void rejects_a_zip_that_is_neither_5_nor_9_digits() {
        assertThat(problemsWith("delivery: { type: paper, folder: out, address: { line1: PO Box 1, city: Ames,"
                + " state: IA, zip: \"5030\" } }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.address.zip': '5030' must be a 5-digit ZIP or a 9-digit"
                        + " ZIP+4, like 62701 or 627011234");
    }

    @Test
    void rejects_sending_keys_a_paper_delivery_does_not_use() {
        assertThat(problemsWith("delivery: { type: paper, folder: out, host: print.example, " + ADDRESS + " }"))
                .containsExactly("payers.yaml: payer 'acme': unknown key 'delivery.host'"
                        + " (known keys: type, folder, mode, offset, address)");
    }
}
