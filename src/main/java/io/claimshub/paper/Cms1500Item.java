package io.claimshub.paper;

/**
 * Where each item of the CMS-1500 (02/12) is printed, in character cells of the 10 cpi / 6 lpi print
 * grid (85 columns by 66 lines on letter paper; line 1 and column 1 at the top left corner). Named
 * after the NUCC 1500 item numbers; the PDF writer and the tests share this table, so a value the
 * writer puts in an item is found by the tests at the same cells.
 *
 * <p>Items of box 24 are per service line: their {@code line} is 0 for the shaded supplemental line
 * and 1 for the service line itself, counted from the line pair of that service line (see
 * {@link #lineOn(int)}). Items the hub never fills (patient phone, 8, 9b, 9c, 10d, 11b, 15 to 20, 24C,
 * 24H, 24I, 29, 30) have no entry: they stay blank.
 */
public enum Cms1500Item {

    CARRIER_NAME(2, 41, 40),
    CARRIER_STREET_1(3, 41, 40),
    CARRIER_STREET_2(4, 41, 40),
    CARRIER_CITY_STATE_ZIP(5, 41, 40),

    ITEM_1_MEDICARE(8, 3, 1),
    ITEM_1_MEDICAID(8, 10, 1),
    ITEM_1_TRICARE(8, 17, 1),
    ITEM_1_CHAMPVA(8, 25, 1),
    ITEM_1_GROUP_HEALTH_PLAN(8, 32, 1),
    ITEM_1_FECA(8, 40, 1),
    ITEM_1_OTHER(8, 46, 1),
    ITEM_1A_INSURED_ID(8, 50, 29),

    ITEM_2_PATIENT_NAME(10, 3, 27),
    ITEM_3_BIRTH_DATE(10, 31, 10),
    ITEM_3_MALE(10, 43, 1),
    ITEM_3_FEMALE(10, 47, 1),
    ITEM_4_INSURED_NAME(10, 50, 29),

    ITEM_5_STREET(12, 3, 27),
    ITEM_6_SELF(12, 33, 1),
    ITEM_6_SPOUSE(12, 38, 1),
    ITEM_6_CHILD(12, 42, 1),
    ITEM_6_OTHER(12, 47, 1),
    ITEM_7_STREET(12, 50, 29),

    ITEM_5_CITY(14, 3, 24),
    ITEM_5_STATE(14, 28, 2),
    ITEM_7_CITY(14, 50, 23),
    ITEM_7_STATE(14, 75, 2),

    ITEM_5_ZIP(16, 3, 12),
    ITEM_7_ZIP(16, 50, 12),

    ITEM_9_OTHER_INSURED_NAME(18, 3, 27),
    ITEM_11_GROUP_NUMBER(18, 50, 29),

    ITEM_9A_OTHER_POLICY(20, 3, 27),
    ITEM_10A_YES(20, 35, 1),
    ITEM_10A_NO(20, 41, 1),
    ITEM_11A_BIRTH_DATE(20, 52, 10),
    ITEM_11A_MALE(20, 68, 1),
    ITEM_11A_FEMALE(20, 75, 1),

    ITEM_10B_YES(22, 35, 1),
    ITEM_10B_NO(22, 41, 1),

    ITEM_10C_YES(24, 35, 1),
    ITEM_10C_NO(24, 41, 1),
    ITEM_11C_PLAN_NAME(24, 50, 29),

    ITEM_9D_OTHER_PLAN_NAME(26, 3, 27),
    ITEM_11D_YES(26, 52, 1),
    ITEM_11D_NO(26, 57, 1),

    ITEM_12_SIGNED(30, 8, 20),
    ITEM_13_SIGNED(30, 56, 20),

    ITEM_14_DATE(32, 4, 8),
    ITEM_14_QUALIFIER(32, 14, 3),

    ITEM_17_QUALIFIER(34, 3, 2),
    ITEM_17_NAME(34, 6, 23),
    ITEM_17B_NPI(34, 37, 10),

    ITEM_21_ICD_INDICATOR(38, 41, 1),
    ITEM_22_RESUBMISSION_CODE(38, 50, 11),
    ITEM_22_ORIGINAL_REFERENCE(38, 62, 17),
    ITEM_21_A(39, 4, 8),
    ITEM_21_B(39, 16, 8),
    ITEM_21_C(39, 28, 8),
    ITEM_21_D(39, 40, 8),
    ITEM_21_E(40, 4, 8),
    ITEM_21_F(40, 16, 8),
    ITEM_21_G(40, 28, 8),
    ITEM_21_H(40, 40, 8),
    ITEM_21_I(41, 4, 8),
    ITEM_21_J(41, 16, 8),
    ITEM_21_K(41, 28, 8),
    ITEM_21_L(41, 40, 8),
    ITEM_23_PRIOR_AUTHORIZATION(41, 50, 29),

    ITEM_24_SUPPLEMENTAL(0, 3, 61),
    ITEM_24A_FROM(1, 3, 8),
    ITEM_24A_TO(1, 12, 8),
    ITEM_24B_PLACE_OF_SERVICE(1, 21, 2),
    ITEM_24D_PROCEDURE(1, 26, 6),
    ITEM_24D_MODIFIER_1(1, 33, 2),
    ITEM_24D_MODIFIER_2(1, 36, 2),
    ITEM_24D_MODIFIER_3(1, 39, 2),
    ITEM_24D_MODIFIER_4(1, 42, 2),
    ITEM_24E_POINTER(1, 45, 4),
    ITEM_24F_CHARGES(1, 50, 9),
    ITEM_24G_UNITS(1, 60, 3),
    ITEM_24J_RENDERING_NPI(1, 68, 10),

    ITEM_25_TAX_ID(58, 3, 15),
    ITEM_25_EIN(58, 20, 1),
    ITEM_26_PATIENT_ACCOUNT(58, 23, 14),
    ITEM_27_YES(58, 38, 1),
    ITEM_28_TOTAL_CHARGE(58, 51, 9),

    ITEM_33_PHONE(59, 66, 13),
    ITEM_31_SIGNED(60, 3, 19),
    ITEM_32_NAME(60, 23, 26),
    ITEM_33_NAME(60, 50, 29),
    ITEM_32_STREET(61, 23, 26),
    ITEM_33_STREET(61, 50, 29),
    ITEM_32_CITY_STATE_ZIP(62, 23, 26),
    ITEM_33_CITY_STATE_ZIP(62, 50, 29),
    ITEM_31_DATE(63, 13, 8),
    ITEM_32A_NPI(63, 24, 10),
    ITEM_33A_NPI(63, 51, 10),
    ITEM_33B_OTHER_ID(63, 64, 15);

    /** Lines and columns of the print grid: 8.5 by 11 inches at 10 characters and 6 lines per inch. */
    public static final int COLUMNS = 85;
    public static final int LINES = 66;
    /** The six service lines of box 24, each a shaded supplemental line and the line itself. */
    public static final int SERVICE_LINES_PER_PAGE = 6;
    /** The shaded line of the first service line. */
    static final int FIRST_SERVICE_LINE = 45;

    private final int line;
    private final int column;
    private final int width;

    Cms1500Item(int line, int column, int width) {
        this.line = line;
        this.column = column;
        this.width = width;
    }

    /** True for the items of box 24, printed once per service line. */
    public boolean perServiceLine() {
        return name().startsWith("ITEM_24");
    }

    /** The grid line (1-based) of an item that is not per service line. */
    public int line() {
        if (perServiceLine()) {
            throw new IllegalStateException(this + " is printed per service line: use lineOn(serviceLine)");
        }
        return line;
    }

    /** The grid line (1-based) of a box 24 item on a page's service line 0 to 5. */
    public int lineOn(int serviceLine) {
        if (!perServiceLine()) {
            throw new IllegalStateException(this + " is not a box 24 item");
        }
        if (serviceLine < 0 || serviceLine >= SERVICE_LINES_PER_PAGE) {
            throw new IllegalArgumentException("a page has service lines 0 to 5, not " + serviceLine);
        }
        return FIRST_SERVICE_LINE + 2 * serviceLine + line;
    }

    /** The first grid column (1-based). */
    public int column() {
        return column;
    }

    /** How many characters the item holds; longer values are cut at this width. */
    public int width() {
        return width;
    }

    /** Item 21's twelve diagnosis fields, A to L. */
    public static Cms1500Item diagnosis(int index) {
        return values()[ITEM_21_A.ordinal() + index];
    }
}
