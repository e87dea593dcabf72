package io.claimshub.paper;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.IOException;
import java.util.List;

/**
 * The hub's own drawing of the CMS-1500 (02/12) boxes for {@code form} mode: outlines, the shaded
 * supplemental lines of box 24, check boxes and short labels, on the same character grid as the data.
 * It is a reading aid for review and plain-paper images, not the official red-ink artwork (which is
 * copyrighted and needed by payers that scan with OCR).
 */
final class Cms1500FormDrawing {

    private static final float LABEL_SIZE = 4.2f;
    private static final float TITLE_SIZE = 9f;
    private static final int LEFT = 2;
    private static final int RIGHT = 79;
    private static final Color SHADE = new Color(0xE6, 0xE6, 0xE6);

    /**
     * A box from grid line {@code top} to {@code bottom} (inclusive), its sides through the middle of
     * columns {@code left} and {@code right}, which no item uses.
     */
    private record Box(int top, int bottom, int left, int right, String label) {
    }

    /** A check box on the cell of an item, with its caption above it (on the label line, never on data). */
    private record Check(Cms1500Item item, String caption) {
    }

    private static final List<Box> BOXES = List.of(
            new Box(7, 8, LEFT, 49, "1."),
            new Box(7, 8, 49, RIGHT, "1a. INSURED'S I.D. NUMBER"),
            new Box(9, 10, LEFT, 30, "2. PATIENT'S NAME (Last, First, Middle Initial)"),
            new Box(9, 10, 30, 49, "3. PATIENT'S BIRTH DATE, SEX"),
            new Box(9, 10, 49, RIGHT, "4. INSURED'S NAME (Last, First, Middle Initial)"),
            new Box(11, 12, LEFT, 30, "5. PATIENT'S ADDRESS (No., Street)"),
            new Box(11, 12, 30, 49, "6. PATIENT RELATIONSHIP TO INSURED"),
            new Box(11, 12, 49, RIGHT, "7. INSURED'S ADDRESS (No., Street)"),
            new Box(13, 14, LEFT, 27, "CITY"),
            new Box(13, 14, 27, 30, "STATE"),
            new Box(13, 16, 30, 49, "8. RESERVED FOR NUCC USE"),
            new Box(13, 14, 49, 74, "CITY"),
            new Box(13, 14, 74, RIGHT, "STATE"),
            new Box(15, 16, LEFT, 15, "ZIP CODE"),
            new Box(15, 16, 15, 30, "TELEPHONE"),
            new Box(15, 16, 49, 62, "ZIP CODE"),
            new Box(15, 16, 62, RIGHT, "TELEPHONE"),
            new Box(17, 18, LEFT, 30, "9. OTHER INSURED'S NAME"),
            new Box(17, 18, 30, 49, "10. IS PATIENT'S CONDITION RELATED TO:"),
            new Box(17, 18, 49, RIGHT, "11. INSURED'S POLICY GROUP OR FECA NUMBER"),
            new Box(19, 20, LEFT, 30, "a. OTHER INSURED'S POLICY OR GROUP NUMBER"),
            new Box(19, 20, 30, 49, "a. EMPLOYMENT? (current or previous)"),
            new Box(19, 20, 49, RIGHT, "a. INSURED'S DATE OF BIRTH, SEX"),
            new Box(21, 22, LEFT, 30, "b. RESERVED FOR NUCC USE"),
            new Box(21, 22, 30, 49, "b. AUTO ACCIDENT?"),
            new Box(21, 22, 49, RIGHT, "b. OTHER CLAIM ID"),
            new Box(23, 24, LEFT, 30, "c. RESERVED FOR NUCC USE"),
            new Box(23, 24, 30, 49, "c. OTHER ACCIDENT?"),
            new Box(23, 24, 49, RIGHT, "c. INSURANCE PLAN NAME OR PROGRAM NAME"),
            new Box(25, 26, LEFT, 30, "d. INSURANCE PLAN NAME OR PROGRAM NAME"),
            new Box(25, 26, 30, 49, "10d. CLAIM CODES"),
            new Box(25, 26, 49, RIGHT, "d. IS THERE ANOTHER HEALTH BENEFIT PLAN?"),
            new Box(27, 30, LEFT, 49, "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE"),
            new Box(27, 30, 49, RIGHT, "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE"),
            new Box(31, 32, LEFT, 30, "14. DATE OF CURRENT ILLNESS, INJURY OR PREGNANCY    QUAL."),
            new Box(31, 32, 30, 49, "15. OTHER DATE"),
            new Box(31, 32, 49, RIGHT, "16. DATES PATIENT UNABLE TO WORK"),
            new Box(33, 34, LEFT, 30, "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE"),
            new Box(33, 34, 30, 49, "17a.  17b. NPI"),
            new Box(33, 34, 49, RIGHT, "18. HOSPITALIZATION DATES"),
            new Box(35, 36, LEFT, 49, "19. ADDITIONAL CLAIM INFORMATION"),
            new Box(35, 36, 49, RIGHT, "20. OUTSIDE LAB?"),
            new Box(37, 41, LEFT, 49, "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (relate A-L to 24E)          ICD Ind."),
            new Box(37, 38, 49, RIGHT, "22. RESUBMISSION CODE        ORIGINAL REF. NO."),
            new Box(39, 41, 49, RIGHT, "23. PRIOR AUTHORIZATION NUMBER"),
            new Box(42, 44, LEFT, 20, "24. A. DATE(S) OF SERVICE\nFrom            To\nMM DD YY     MM DD YY"),
            new Box(42, 44, 20, 23, "B.\nPLACE\nOF SERV."),
            new Box(42, 44, 23, 25, "C.\nEMG"),
            new Box(42, 44, 25, 44, "D. PROCEDURES, SERVICES OR SUPPLIES\nCPT/HCPCS        MODIFIER"),
            new Box(42, 44, 44, 49, "E.\nDIAGNOSIS\nPOINTER"),
            new Box(42, 44, 49, 59, "F.\n$ CHARGES"),
            new Box(42, 44, 59, 63, "G.\nDAYS OR\nUNITS"),
            new Box(42, 44, 63, 65, "H.\nEPS-\nDT"),
            new Box(42, 44, 65, 67, "I.\nID\nQUAL."),
            new Box(42, 44, 67, RIGHT, "J.\nRENDERING\nPROVIDER ID. #"),
            new Box(57, 58, LEFT, 22, "25. FEDERAL TAX I.D. NUMBER"),
            new Box(57, 58, 22, 37, "26. PATIENT'S ACCOUNT NO."),
            new Box(57, 58, 37, 49, "27. ACCEPT ASSIGNMENT?"),
            new Box(57, 58, 49, 61, "28. TOTAL CHARGE"),
            new Box(57, 58, 61, 70, "29. AMOUNT PAID"),
            new Box(57, 58, 70, RIGHT, "30. Rsvd for NUCC"),
            new Box(59, 63, LEFT, 22, "31. SIGNATURE OF PHYSICIAN OR SUPPLIER"),
            new Box(59, 63, 22, 49, "32. SERVICE FACILITY LOCATION INFORMATION"),
            new Box(59, 63, 49, RIGHT, "33. BILLING PROVIDER INFO & PH #"),
            new Box(63, 63, 22, 34, "a."),
            new Box(63, 63, 34, 49, "b."),
            new Box(63, 63, 49, 62, "a."),
            new Box(63, 63, 62, RIGHT, "b."));

    private static final List<Check> CHECKS = List.of(
            new Check(Cms1500Item.ITEM_1_MEDICARE, "MEDICARE"), new Check(Cms1500Item.ITEM_1_MEDICAID, "MEDICAID"),
            new Check(Cms1500Item.ITEM_1_TRICARE, "TRICARE"), new Check(Cms1500Item.ITEM_1_CHAMPVA, "CHAMPVA"),
            new Check(Cms1500Item.ITEM_1_GROUP_HEALTH_PLAN, "GROUP HEALTH PLAN"), new Check(Cms1500Item.ITEM_1_FECA, "FECA"),
            new Check(Cms1500Item.ITEM_1_OTHER, "OTHER"),
            new Check(Cms1500Item.ITEM_3_MALE, "M"), new Check(Cms1500Item.ITEM_3_FEMALE, "F"),
            new Check(Cms1500Item.ITEM_6_SELF, "Self"), new Check(Cms1500Item.ITEM_6_SPOUSE, "Spouse"),
            new Check(Cms1500Item.ITEM_6_CHILD, "Child"), new Check(Cms1500Item.ITEM_6_OTHER, "Other"),
            new Check(Cms1500Item.ITEM_10A_YES, "YES"), new Check(Cms1500Item.ITEM_10A_NO, "NO"),
            new Check(Cms1500Item.ITEM_10B_YES, "YES"), new Check(Cms1500Item.ITEM_10B_NO, "NO"),
            new Check(Cms1500Item.ITEM_10C_YES, "YES"), new Check(Cms1500Item.ITEM_10C_NO, "NO"),
            new Check(Cms1500Item.ITEM_11A_MALE, "M"), new Check(Cms1500Item.ITEM_11A_FEMALE, "F"),
            new Check(Cms1500Item.ITEM_11D_YES, "YES"), new Check(Cms1500Item.ITEM_11D_NO, "NO"),
            new Check(Cms1500Item.ITEM_25_EIN, "EIN"), new Check(Cms1500Item.ITEM_27_YES, "YES"));

    private Cms1500FormDrawing() {
    }

    static void draw(PDPageContentStream content) throws IOException {
        PDType1Font label = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        shadeSupplementalLines(content);
        content.setStrokingColor(Color.BLACK);
        content.setLineWidth(0.5f);
        for (Box box : BOXES) {
            content.addRect(edge(box.left()), top(box.bottom() + 1), edge(box.right()) - edge(box.left()),
                    Cms1500PdfWriter.LINE * (box.bottom() - box.top() + 1));
        }
        serviceLineRules(content);
        content.stroke();
        for (Check check : CHECKS) {
            float left = x(check.item().column()) - 0.5f;
            content.addRect(left, top(check.item().line() + 1) + 1.5f, Cms1500PdfWriter.COLUMN + 1f, 9f);
        }
        content.stroke();

        content.beginText();
        content.setFont(bold, TITLE_SIZE);
        content.newLineAtOffset(x(LEFT), top(7) + 3f);
        content.showText("HEALTH INSURANCE CLAIM FORM  (CMS-1500 02/12 layout, drawn by claims-hub)");
        content.endText();
        content.beginText();
        content.setFont(label, LABEL_SIZE);
        text(content, x(41), top(1) - 5f, "PAYER");
        for (Box box : BOXES) {
            String[] rows = box.label().split("\n");
            for (int i = 0; i < rows.length; i++) {
                text(content, edge(box.left()) + 1.5f, top(box.top()) - 5f - i * 5f, rows[i]);
            }
        }
        for (Check check : CHECKS) {
            text(content, x(check.item().column()) - 1f, top(check.item().line()) + 1.5f, check.caption());
        }
        for (int n = 0; n < Cms1500Item.SERVICE_LINES_PER_PAGE; n++) {
            text(content, edge(RIGHT) + 2f, top(Cms1500Item.ITEM_24A_FROM.lineOn(n)) - 8f, String.valueOf(n + 1));
        }
        content.endText();
    }

    /** The shaded upper half of each service line, where supplemental information (NDC) goes. */
    private static void shadeSupplementalLines(PDPageContentStream content) throws IOException {
        content.setNonStrokingColor(SHADE);
        for (int n = 0; n < Cms1500Item.SERVICE_LINES_PER_PAGE; n++) {
            int line = Cms1500Item.ITEM_24_SUPPLEMENTAL.lineOn(n);
            content.addRect(edge(LEFT), top(line + 1), edge(RIGHT) - edge(LEFT), Cms1500PdfWriter.LINE);
        }
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
    }

    /** Box 24's six line pairs and the rules between its columns. */
    private static void serviceLineRules(PDPageContentStream content) throws IOException {
        int first = Cms1500Item.ITEM_24_SUPPLEMENTAL.lineOn(0);
        int last = Cms1500Item.ITEM_24A_FROM.lineOn(Cms1500Item.SERVICE_LINES_PER_PAGE - 1);
        content.addRect(edge(LEFT), top(last + 1), edge(RIGHT) - edge(LEFT), Cms1500PdfWriter.LINE * (last - first + 1));
        for (int n = 0; n < Cms1500Item.SERVICE_LINES_PER_PAGE; n++) {
            int line = Cms1500Item.ITEM_24A_FROM.lineOn(n);
            content.moveTo(edge(LEFT), top(line + 1));
            content.lineTo(edge(RIGHT), top(line + 1));
            for (int column : new int[]{11, 20, 23, 25, 32, 35, 38, 41, 44, 49, 59, 63, 65}) {
                content.moveTo(edge(column), top(line));
                content.lineTo(edge(column), top(line + 1));
            }
            content.moveTo(edge(67), top(line - 1));
            content.lineTo(edge(67), top(line + 1));
        }
    }

    private static void text(PDPageContentStream content, float x, float y, String text) throws IOException {
        content.setTextMatrix(Matrix.getTranslateInstance(x, y));
        content.showText(text);
    }

    /**
     * PDF x of the middle of grid column 1 to 85: rules run through the empty column between two items,
     * never along the edge of a character.
     */
    private static float edge(int column) {
        return x(column) + Cms1500PdfWriter.COLUMN / 2;
    }

    /** PDF x of the left edge of grid column 1 to 85. */
    private static float x(int column) {
        return (column - 1) * Cms1500PdfWriter.COLUMN;
    }

    /** PDF y of the top edge of grid line 1 to 67 (67: the bottom of line 66). */
    private static float top(int line) {
        return Cms1500PdfWriter.PAGE_HEIGHT - (line - 1) * Cms1500PdfWriter.LINE;
    }
}
