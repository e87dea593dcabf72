package io.claimshub.paper;

import io.claimshub.claim.Claim;
import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.claimshub.paper.Cms1500Item.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMS-1500 PDF read back by item rectangle: each value lands in the cells of its NUCC item, for a
 * single-line claim, a seven-line claim (two pages), a dependent patient and a supplemental (NDC) line,
 * in both modes and with a printer offset. Every page is also rendered to target/paper/ to look at.
 */
class Cms1500PdfWriterTest {

    private static final Path RENDERED = Path.of("target", "paper");

    private final Cms1500Mapper mapper = new Cms1500Mapper();
    private final Cms1500PdfWriter writer = new Cms1500PdfWriter();

    @Test
    void a_single_line_claim_puts_each_item_in_its_nucc_position() throws IOException {
        try (PdfItems pdf = PdfItems.read(pdf(PaperFixtures.singleLine(), PaperFixtures.dataPayer()))) {
            pdf.renderTo(RENDERED, "single-line-data");
            assertThat(pdf.pages()).isEqualTo(1);
            assertThat(pdf.item(0, CARRIER_NAME)).isEqualTo("ACME AUTO INSURANCE");
            assertThat(pdf.item(0, CARRIER_STREET_1)).isEqualTo("PO BOX 1500");
            assertThat(pdf.item(0, CARRIER_STREET_2)).isEmpty();
            assertThat(pdf.item(0, CARRIER_CITY_STATE_ZIP)).isEqualTo("DES MOINES IA 50306");
            assertThat(pdf.item(0, ITEM_1_GROUP_HEALTH_PLAN)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_1_OTHER)).isEmpty();
            assertThat(pdf.item(0, ITEM_1A_INSURED_ID)).isEqualTo("W123456789");
            assertThat(pdf.item(0, ITEM_2_PATIENT_NAME)).as("no periods or apostrophes, commas between the parts")
                    .isEqualTo("ODOE-SMITH, JANE, Q");
            assertThat(pdf.item(0, ITEM_3_BIRTH_DATE)).isEqualTo("02 15 1980");
            assertThat(pdf.item(0, ITEM_3_FEMALE)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_3_MALE)).isEmpty();
            assertThat(pdf.item(0, ITEM_4_INSURED_NAME)).isEqualTo("ODOE-SMITH, JANE, Q");
            assertThat(pdf.item(0, ITEM_5_STREET)).as("no punctuation in addresses").isEqualTo("12 ELM ST APT 4");
            assertThat(pdf.item(0, ITEM_5_CITY)).isEqualTo("SPRINGFIELD");
            assertThat(pdf.item(0, ITEM_5_STATE)).isEqualTo("IL");
            assertThat(pdf.item(0, ITEM_5_ZIP)).isEqualTo("627011234");
            assertThat(pdf.item(0, ITEM_6_SELF)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_6_CHILD)).isEmpty();
            assertThat(pdf.item(0, ITEM_7_STREET)).isEqualTo("12 ELM ST APT 4");
            assertThat(pdf.item(0, ITEM_10A_NO)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_10B_NO)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_10C_NO)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_10A_YES)).isEmpty();
            assertThat(pdf.item(0, ITEM_11_GROUP_NUMBER)).isEqualTo("GRP100");
            assertThat(pdf.item(0, ITEM_11A_BIRTH_DATE)).isEqualTo("02 15 1980");
            assertThat(pdf.item(0, ITEM_11A_FEMALE)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_11C_PLAN_NAME)).isEqualTo("ACME AUTO INSURANCE");
            assertThat(pdf.item(0, ITEM_11D_NO)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_9_OTHER_INSURED_NAME)).isEmpty();
            assertThat(pdf.item(0, ITEM_12_SIGNED)).isEqualTo("SIGNATURE ON FILE");
            assertThat(pdf.item(0, ITEM_13_SIGNED)).isEqualTo("SIGNATURE ON FILE");
            assertThat(pdf.item(0, ITEM_14_DATE)).isEqualTo("03 01 24");
            assertThat(pdf.item(0, ITEM_14_QUALIFIER)).isEqualTo("431");
            assertThat(pdf.item(0, ITEM_21_ICD_INDICATOR)).isEqualTo("0");
            assertThat(pdf.item(0, ITEM_21_A)).as("no decimal point").isEqualTo("S39012A");
            assertThat(pdf.item(0, ITEM_21_B)).isEqualTo("V4352XA");
            assertThat(pdf.item(0, ITEM_21_C)).isEmpty();
            assertThat(pdf.item(0, ITEM_22_RESUBMISSION_CODE)).isEmpty();
            assertThat(pdf.item(0, ITEM_23_PRIOR_AUTHORIZATION)).isEqualTo("PA12345");

            assertThat(pdf.item(0, ITEM_24A_FROM, 0)).isEqualTo("03 14 24");
            assertThat(pdf.item(0, ITEM_24A_TO, 0)).isEqualTo("03 14 24");
            assertThat(pdf.item(0, ITEM_24B_PLACE_OF_SERVICE, 0)).isEqualTo("11");
            assertThat(pdf.item(0, ITEM_24D_PROCEDURE, 0)).isEqualTo("99214");
            assertThat(pdf.item(0, ITEM_24D_MODIFIER_1, 0)).isEqualTo("25");
            assertThat(pdf.item(0, ITEM_24D_MODIFIER_2, 0)).isEmpty();
            assertThat(pdf.item(0, ITEM_24E_POINTER, 0)).isEqualTo("A");
            assertThat(pdf.item(0, ITEM_24F_CHARGES, 0)).as("dollars and cents, no point").isEqualTo("145 00");
            assertThat(pdf.item(0, ITEM_24G_UNITS, 0)).isEqualTo("1");
            assertThat(pdf.item(0, ITEM_24J_RENDERING_NPI, 0)).isEqualTo("1245319599");
            assertThat(pdf.item(0, ITEM_24_SUPPLEMENTAL, 0)).isEmpty();
            assertThat(pdf.item(0, ITEM_24D_PROCEDURE, 1)).isEmpty();

            assertThat(pdf.item(0, ITEM_25_TAX_ID)).as("no dash").isEqualTo("123456789");
            assertThat(pdf.item(0, ITEM_25_EIN)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_26_PATIENT_ACCOUNT)).isEqualTo("ACC1");
            assertThat(pdf.item(0, ITEM_27_YES)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_28_TOTAL_CHARGE)).isEqualTo("145 00");
            assertThat(pdf.item(0, ITEM_31_SIGNED)).isEqualTo("SIGNATURE ON FILE");
            assertThat(pdf.item(0, ITEM_31_DATE)).isEqualTo("03 20 24");
            assertThat(pdf.item(0, ITEM_32_NAME)).isEqualTo("SUNRISE FAMILY PRACTICE");
            assertThat(pdf.item(0, ITEM_32_STREET)).isEqualTo("100 MAIN ST SUITE 2");
            assertThat(pdf.item(0, ITEM_32_CITY_STATE_ZIP)).isEqualTo("SPRINGFIELD IL 627011234");
            assertThat(pdf.item(0, ITEM_32A_NPI)).as("no service facility: the billing address, no facility NPI").isEmpty();
            assertThat(pdf.item(0, ITEM_33_NAME)).isEqualTo("SUNRISE FAMILY PRACTICE");
            assertThat(pdf.item(0, ITEM_33_STREET)).isEqualTo("100 MAIN ST SUITE 2");
            assertThat(pdf.item(0, ITEM_33_CITY_STATE_ZIP)).isEqualTo("SPRINGFIELD IL 627011234");
            assertThat(pdf.item(0, ITEM_33_PHONE)).isEqualTo("217 5551212");
            assertThat(pdf.item(0, ITEM_33A_NPI)).isEqualTo("1234567893");
            assertThat(pdf.item(0, ITEM_33B_OTHER_ID)).isEqualTo("ZZ207Q00000X");
        }
    }

    @Test
    void a_seven_line_claim_takes_two_pages_with_the_total_on_the_last() throws IOException {
        try (PdfItems pdf = PdfItems.read(pdf(PaperFixtures.sevenLines(), PaperFixtures.dataPayer()))) {
            pdf.renderTo(RENDERED, "seven-lines-data");
            assertThat(pdf.pages()).isEqualTo(2);
            for (int line = 0; line < 6; line++) {
                assertThat(pdf.item(0, ITEM_24D_PROCEDURE, line)).isEqualTo(line == 0 ? "99214" : "8780" + line);
            }
            assertThat(pdf.item(0, ITEM_24F_CHARGES, 5)).isEqualTo("60 50");
            assertThat(pdf.item(1, ITEM_24D_PROCEDURE, 0)).isEqualTo("87806");
            assertThat(pdf.item(1, ITEM_24F_CHARGES, 0)).isEqualTo("70 50");
            assertThat(pdf.item(1, ITEM_24E_POINTER, 0)).isEqualTo("BA");
            assertThat(pdf.item(1, ITEM_24G_UNITS, 0)).isEqualTo("2");
            assertThat(pdf.item(1, ITEM_24D_PROCEDURE, 1)).isEmpty();
            assertThat(pdf.item(0, ITEM_28_TOTAL_CHARGE)).as("the total goes on the last page only").isEmpty();
            assertThat(pdf.item(1, ITEM_28_TOTAL_CHARGE)).isEqualTo("418 00");
            for (int page = 0; page < 2; page++) {
                assertThat(pdf.item(page, ITEM_26_PATIENT_ACCOUNT)).isEqualTo("ACC7");
                assertThat(pdf.item(page, ITEM_2_PATIENT_NAME)).isEqualTo("ODOE-SMITH, JANE, Q");
                assertThat(pdf.item(page, ITEM_33A_NPI)).isEqualTo("1234567893");
            }
        }
    }

    @Test
    void a_dependent_patient_has_the_insured_parent_in_items_4_7_and_11a() throws IOException {
        try (PdfItems pdf = PdfItems.read(pdf(PaperFixtures.dependent(), PaperFixtures.dataPayer()))) {
            pdf.renderTo(RENDERED, "dependent-data");
            assertThat(pdf.item(0, ITEM_2_PATIENT_NAME)).isEqualTo("DOE, TOMMY");
            assertThat(pdf.item(0, ITEM_3_BIRTH_DATE)).isEqualTo("06 01 2015");
            assertThat(pdf.item(0, ITEM_3_MALE)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_4_INSURED_NAME)).isEqualTo("DOE, JOHN, A");
            assertThat(pdf.item(0, ITEM_6_CHILD)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_6_SELF)).isEmpty();
            assertThat(pdf.item(0, ITEM_5_STREET)).isEqualTo("12 ELM ST");
            assertThat(pdf.item(0, ITEM_5_ZIP)).isEqualTo("62701");
            assertThat(pdf.item(0, ITEM_7_STREET)).isEqualTo("40 OAK AVE");
            assertThat(pdf.item(0, ITEM_7_CITY)).isEqualTo("CHATHAM");
            assertThat(pdf.item(0, ITEM_7_ZIP)).isEqualTo("62629");
            assertThat(pdf.item(0, ITEM_11_GROUP_NUMBER)).isEqualTo("GRP200");
            assertThat(pdf.item(0, ITEM_11A_BIRTH_DATE)).isEqualTo("01 09 1978");
            assertThat(pdf.item(0, ITEM_11A_MALE)).isEqualTo("X");
            assertThat(pdf.item(0, ITEM_1A_INSURED_ID)).isEqualTo("W999");
        }
    }

    @Test
    void supplemental_information_goes_in_the_shaded_line_above_its_service_line() throws IOException {
        // The claim model has no NDC yet: the page takes the supplemental text straight.
        Cms1500Page page = mapper.pages(PaperFixtures.singleLine(), PaperFixtures.clinic(), PaperFixtures.dataPayer(),
                PaperFixtures.PRINTED_ON).get(0);
        page.put(ITEM_24_SUPPLEMENTAL, 0, "N400009029101 UN1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(List.of(page), ((PayerConfig.Delivery.Printed) PaperFixtures.payer(PayerConfig.PaperMode.FORM, 0, 0).delivery()).paper(), out);
        try (PdfItems pdf = PdfItems.read(out.toByteArray())) {
            pdf.renderTo(RENDERED, "ndc-form");
            assertThat(pdf.item(0, ITEM_24_SUPPLEMENTAL, 0)).isEqualTo("N400009029101 UN1");
            assertThat(pdf.item(0, ITEM_24D_PROCEDURE, 0)).isEqualTo("99214");
            assertThat(pdf.item(0, ITEM_24A_FROM, 0)).as("the service line itself stays below").isEqualTo("03 14 24");
        }
    }

    @Test
    void form_mode_draws_the_boxes_and_leaves_the_data_where_data_mode_puts_it() throws IOException {
        Claim claim = PaperFixtures.singleLine();
        byte[] form = pdf(claim, PaperFixtures.payer(PayerConfig.PaperMode.FORM, 0, 0));
        byte[] data = pdf(claim, PaperFixtures.dataPayer());
        try (PdfItems formPdf = PdfItems.read(form); PdfItems dataPdf = PdfItems.read(data)) {
            formPdf.renderTo(RENDERED, "single-line-form");
            for (Cms1500Item item : Cms1500Item.values()) {
                if (!item.perServiceLine()) {
                    assertThat(formPdf.item(0, item)).as(item.name()).isEqualTo(dataPdf.item(0, item));
                }
            }
            assertThat(formPdf.area(0, 7, 49, 30)).contains("1a. INSURED'S I.D. NUMBER");
            assertThat(dataPdf.area(0, 7, 49, 30)).as("data mode prints no labels").isEmpty();
        }
    }

    @Test
    void the_payer_offset_moves_the_text_by_tenths_of_an_inch() throws IOException {
        byte[] shifted = pdf(PaperFixtures.singleLine(), PaperFixtures.payer(PayerConfig.PaperMode.DATA, 3, -2));
        try (PdfItems atOffset = PdfItems.read(shifted, 3, -2); PdfItems unshifted = PdfItems.read(shifted)) {
            assertThat(atOffset.item(0, ITEM_1A_INSURED_ID)).isEqualTo("W123456789");
            assertThat(atOffset.item(0, ITEM_24D_PROCEDURE, 0)).isEqualTo("99214");
            assertThat(atOffset.item(0, ITEM_33A_NPI)).isEqualTo("1234567893");
            assertThat(unshifted.item(0, ITEM_33A_NPI)).isNotEqualTo("1234567893");
        }
    }

    @Test
    void the_pages_match_the_golden_grids_and_the_pdf_bytes_do_not_change_between_runs() throws IOException {
        List<Cms1500Page> pages = mapper.pages(PaperFixtures.sevenLines(), PaperFixtures.clinic(),
                PaperFixtures.dataPayer(), PaperFixtures.PRINTED_ON);
        assertThat(pages.get(0).text()).isEqualTo(golden("seven-lines-page1.txt"));
        assertThat(pages.get(1).text()).isEqualTo(golden("seven-lines-page2.txt"));
        assertThat(pdf(PaperFixtures.sevenLines(), PaperFixtures.dataPayer()))
                .isEqualTo(pdf(PaperFixtures.sevenLines(), PaperFixtures.dataPayer()));
    }

    private byte[] pdf(Claim claim, PayerConfig payer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(mapper.pages(claim, PaperFixtures.clinic(), payer, PaperFixtures.PRINTED_ON),
                ((PayerConfig.Delivery.Printed) payer.delivery()).paper(), out);
        return out.toByteArray();
    }

    private static String golden(String name) throws IOException {
        Path file = Path.of("src/test/resources/paper", name);
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
