package io.claimshub.paper;

import io.claimshub.claim.Claim;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.Interchange837;
import io.claimshub.x12.TransactionSet837;
import io.claimshub.x12.X12TestReader;
import io.claimshub.x12.X12TestReader.Segment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.claimshub.paper.Cms1500Item.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paper claim and the 837P never disagree: the same claim record goes through the 837P writer and
 * the CMS-1500 writer, and every value the 837 carries for an item is the text found at that item's
 * position in the PDF.
 */
class Cms1500Against837Test {

    static Stream<Claim> claims() {
        return Stream.of(PaperFixtures.singleLine(), PaperFixtures.sevenLines(), PaperFixtures.dependent(),
                PaperFixtures.drugAndReferrer());
    }

    @ParameterizedTest
    @MethodSource("claims")
    void every_837_value_is_printed_in_its_item(Claim claim) throws IOException {
        PayerConfig payer = PaperFixtures.dataPayer();
        X12TestReader x12 = write837(claim, payer);
        ByteArrayOutputStream pdfBytes = new ByteArrayOutputStream();
        new Cms1500PdfWriter().write(new Cms1500Mapper().pages(claim, PaperFixtures.clinic(), payer,
                PaperFixtures.PRINTED_ON), ((PayerConfig.Delivery.Printed) payer.delivery()).paper(), pdfBytes);

        try (PdfItems pdf = PdfItems.read(pdfBytes.toByteArray())) {
            Segment clm = x12.segments("CLM").get(0);
            Segment subscriber = entity(x12, "IL");
            Segment billing = entity(x12, "85");
            int last = pdf.pages() - 1;
            for (int page = 0; page <= last; page++) {
                assertThat(pdf.item(page, ITEM_26_PATIENT_ACCOUNT)).isEqualTo(clm.element(1));
                assertThat(pdf.item(page, ITEM_1A_INSURED_ID)).isEqualTo(subscriber.element(9));
                assertThat(pdf.item(page, ITEM_4_INSURED_NAME)).isEqualTo(name(subscriber));
                assertThat(pdf.item(page, ITEM_11_GROUP_NUMBER)).isEqualTo(x12.segments("SBR").get(0).element(3));
                assertThat(pdf.item(page, ITEM_11C_PLAN_NAME)).isEqualTo(entity(x12, "PR").element(3));
                assertThat(pdf.item(page, ITEM_33_NAME)).isEqualTo(billing.element(3));
                assertThat(pdf.item(page, ITEM_33A_NPI)).isEqualTo(billing.element(9));
                assertThat(pdf.item(page, ITEM_25_TAX_ID)).isEqualTo(ref(x12, "EI"));
                assertThat(pdf.item(page, ITEM_23_PRIOR_AUTHORIZATION)).isEqualTo(ref(x12, "G1"));
                assertThat(pdf.item(page, ITEM_33B_OTHER_ID)).isEqualTo("ZZ" + x12.segments("PRV").get(0).element(3));
                assertThat(pdf.item(page, ITEM_14_DATE)).isEqualTo(date6(dtp(x12, "431").get(0)));
                Segment referrer = x12.segments("NM1").stream().filter(s -> s.element(1).equals("DN")).findFirst().orElse(null);
                assertThat(pdf.item(page, ITEM_17_QUALIFIER)).isEqualTo(referrer == null ? "" : "DN");
                assertThat(pdf.item(page, ITEM_17_NAME)).isEqualTo(referrer == null ? "" : referrer.element(4) + " " + referrer.element(3));
                assertThat(pdf.item(page, ITEM_17B_NPI)).isEqualTo(referrer == null ? "" : referrer.element(9));
                List<String> codes = x12.segments("HI").get(0).elements().stream().map(e -> e.get(1)).toList();
                for (int i = 0; i < 12; i++) {
                    assertThat(pdf.item(page, Cms1500Item.diagnosis(i))).isEqualTo(i < codes.size() ? codes.get(i) : "");
                }
                Segment patient = claim.primaryCoverage().patientIsInsured() ? subscriber : entity(x12, "QC");
                assertThat(pdf.item(page, ITEM_2_PATIENT_NAME)).isEqualTo(name(patient));
                Segment demographics = demographicsAfter(x12, patient);
                assertThat(pdf.item(page, ITEM_3_BIRTH_DATE)).isEqualTo(date8(demographics.element(2)));
                assertThat(pdf.item(page, "M".equals(demographics.element(3)) ? ITEM_3_MALE : ITEM_3_FEMALE)).isEqualTo("X");
            }
            assertThat(pdf.item(last, ITEM_28_TOTAL_CHARGE)).isEqualTo(amount(clm.element(2)));

            List<Line> lines = lines(x12);
            assertThat(pdf.pages()).isEqualTo((lines.size() + 5) / 6);
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                int page = i / 6;
                int row = i % 6;
                assertThat(pdf.item(page, ITEM_24A_FROM, row)).isEqualTo(date6(line.date()));
                assertThat(pdf.item(page, ITEM_24B_PLACE_OF_SERVICE, row)).isEqualTo(clm.component(5, 1));
                assertThat(pdf.item(page, ITEM_24D_PROCEDURE, row)).isEqualTo(line.sv1().component(1, 2));
                Cms1500Item[] modifiers = {ITEM_24D_MODIFIER_1, ITEM_24D_MODIFIER_2, ITEM_24D_MODIFIER_3, ITEM_24D_MODIFIER_4};
                for (int m = 0; m < 4; m++) {
                    assertThat(pdf.item(page, modifiers[m], row)).isEqualTo(line.sv1().component(1, 3 + m));
                }
                assertThat(pdf.item(page, ITEM_24F_CHARGES, row)).isEqualTo(amount(line.sv1().element(2)));
                assertThat(pdf.item(page, ITEM_24G_UNITS, row)).isEqualTo(line.sv1().element(4));
                assertThat(pdf.item(page, ITEM_24E_POINTER, row)).isEqualTo(letters(line.sv1().components(7)));
                assertThat(pdf.item(page, ITEM_24J_RENDERING_NPI, row)).isEqualTo(line.renderingNpi());
                assertThat(pdf.item(page, ITEM_24_SUPPLEMENTAL, row)).isEqualTo(line.lin() == null ? ""
                        : "N4" + line.lin().element(3) + " " + line.ctp().component(5, 1) + line.ctp().element(4));
            }
        }
    }

    /** One LX loop: its SV1, its DTP*472 date and the NPI of who rendered it (2420A, else 2310B). */
    private record Line(Segment sv1, String date, String renderingNpi, Segment lin, Segment ctp) {
    }

    private static List<Line> lines(X12TestReader x12) {
        List<Line> lines = new ArrayList<>();
        String claimRendering = "";
        Segment sv1 = null;
        String date = null;
        String lineRendering = null;
        Segment lin = null;
        Segment ctp = null;
        for (Segment segment : x12.segments()) {
            switch (segment.tag()) {
                case "LX" -> {
                    if (sv1 != null) {
                        lines.add(new Line(sv1, date, lineRendering == null ? claimRendering : lineRendering, lin, ctp));
                    }
                    sv1 = null;
                    lineRendering = null;
                    lin = null;
                    ctp = null;
                }
                case "SV1" -> sv1 = segment;
                case "LIN" -> lin = segment;
                case "CTP" -> ctp = segment;
                case "DTP" -> {
                    if (segment.element(1).equals("472")) {
                        date = segment.element(3);
                    }
                }
                case "NM1" -> {
                    if (segment.element(1).equals("82")) {
                        if (sv1 == null) {
                            claimRendering = segment.element(9);
                        } else {
                            lineRendering = segment.element(9);
                        }
                    }
                }
                case "SE" -> {
                    if (sv1 != null) {
                        lines.add(new Line(sv1, date, lineRendering == null ? claimRendering : lineRendering, lin, ctp));
                    }
                }
                default -> {
                }
            }
        }
        return lines;
    }

    private static X12TestReader write837(Claim claim, PayerConfig payer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Claim837Writer().write(new Interchange837(payer, 1, LocalDateTime.of(2024, 3, 20, 9, 0), "1",
                List.of(new TransactionSet837("0001", PaperFixtures.clinic(), List.of(claim)))), out);
        return X12TestReader.read(out.toByteArray());
    }

    private static Segment entity(X12TestReader x12, String code) {
        return x12.segments("NM1").stream().filter(s -> s.element(1).equals(code)).findFirst().orElseThrow();
    }

    private static Segment demographicsAfter(X12TestReader x12, Segment person) {
        List<Segment> all = x12.segments();
        for (int i = all.indexOf(person) + 1; i < all.size(); i++) {
            if (all.get(i).tag().equals("DMG")) {
                return all.get(i);
            }
        }
        throw new AssertionError("no DMG after " + person);
    }

    private static String ref(X12TestReader x12, String qualifier) {
        return x12.segments("REF").stream().filter(s -> s.element(1).equals(qualifier)).map(s -> s.element(2))
                .findFirst().orElse("");
    }

    private static List<String> dtp(X12TestReader x12, String qualifier) {
        return x12.segments("DTP").stream().filter(s -> s.element(1).equals(qualifier)).map(s -> s.element(3)).toList();
    }

    /** NM103, NM104, initial of NM105, as the form's items 2 and 4 want them. */
    private static String name(Segment nm1) {
        String name = nm1.element(3).replace("'", "") + ", " + nm1.element(4);
        return nm1.element(5).isEmpty() ? name : name + ", " + nm1.element(5).charAt(0);
    }

    /** CCYYMMDD as MM DD YY. */
    private static String date6(String ccyymmdd) {
        return ccyymmdd.substring(4, 6) + " " + ccyymmdd.substring(6, 8) + " " + ccyymmdd.substring(2, 4);
    }

    /** CCYYMMDD as MM DD YYYY. */
    private static String date8(String ccyymmdd) {
        return ccyymmdd.substring(4, 6) + " " + ccyymmdd.substring(6, 8) + " " + ccyymmdd.substring(0, 4);
    }

    /** An X12 amount (145, 70.5) as dollars and cents without a point. */
    private static String amount(String x12Amount) {
        return new BigDecimal(x12Amount).setScale(2).toPlainString().replace('.', ' ');
    }

    /** SV107 pointers 1..12 as the form's letters A..L. */
    private static String letters(List<String> pointers) {
        StringBuilder letters = new StringBuilder();
        pointers.forEach(p -> letters.append((char) ('A' + Integer.parseInt(p) - 1)));
        return letters.toString();
    }
}
