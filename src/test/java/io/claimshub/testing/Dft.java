package io.claimshub.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds small DFT^P03 messages field by field, so each test states the values it depends on (CLM01,
 * payer, NPI, the charges) and nothing else.
 *
 * <pre>{@code
 * Dft.message().clm01("ACC1").payer("ACME").build();            // two charge lines, two diagnoses
 * Dft.charges("MSG1").charge("C1", "99213", null, "100.00", "J20.9")
 *         .credit("C2", "C1", "99213", null, "100.00").build();    // only the lines the test states
 * }</pre>
 */
public final class Dft {

    private String sendingFacility = "SUNRISE";
    private String controlId = "MSG0001";
    private String clm01 = "ACC10001";
    private String payer = "ACME";
    private String renderingNpi = "1245319599";
    private String patientLast = "DOE";
    private String patientFirst = "JANE";
    private String birthDate = "19800215";
    /** Null: a member id of its own per CLM01, so claims of different CLM01s are not the same services twice. */
    private String memberId;
    /** PID-3; null: MRN followed by the CLM01. */
    private String mrn;
    /** PV1-19, the visit number; null: none. */
    private String visit;
    private String street = "12 ELM ST";
    private String firstLineCharge = "125.00";
    private final List<String> ft1s = new ArrayList<>();
    private final List<String> dg1s = new ArrayList<>();
    /** True for {@link #charges}: no lines but the ones the test adds, one diagnosis unless it adds some. */
    private boolean onlyStatedLines;

    /** An office visit and a chest X-ray (FT1 99213 and 71046) with two diagnoses, for CLM01 ACC10001. */
    public static Dft message() {
        return new Dft();
    }

    /**
     * A message with only the FT1s and DG1s the test adds (J20.9 when it adds none), for the charge-capture
     * tests: account ACC500, visit V500, MRN1, member W123456789.
     */
    public static Dft charges(String controlId) {
        Dft dft = new Dft();
        dft.controlId = controlId;
        dft.clm01 = "ACC500";
        dft.visit = "V500";
        dft.mrn = "MRN1";
        dft.memberId = "W123456789";
        dft.onlyStatedLines = true;
        return dft;
    }

    public Dft controlId(String value) {
        controlId = value;
        return this;
    }

    /** MSH-4, the value clinics.yaml sendingFacilities matches. */
    public Dft sendingFacility(String value) {
        sendingFacility = value;
        return this;
    }

    /** PID-18, the patient account number: the claim's CLM01. */
    public Dft clm01(String value) {
        clm01 = value;
        return this;
    }

    /** FT1-11 of the first default line (the second line is 80.00), for tests whose outcome depends on the total. */
    public Dft firstLineCharge(String value) {
        firstLineCharge = value;
        return this;
    }

    /** IN1-3 of the only insurance. */
    public Dft payer(String value) {
        payer = value;
        return this;
    }

    public Dft renderingNpi(String value) {
        renderingNpi = value;
        return this;
    }

    /** PV1-19, the visit number. */
    public Dft visit(String value) {
        visit = value;
        return this;
    }

    /** Distinctive patient data, for tests that look for PHI where it must not be. */
    public Dft patient(String last, String first, String dob, String member, String address) {
        patientLast = last;
        patientFirst = first;
        birthDate = dob;
        memberId = member;
        street = address;
        return this;
    }

    /** A charge: FT1-2 id (may be null), CPT, modifier (may be null), amount, FT1-19 diagnosis. */
    public Dft charge(String id, String cpt, String modifier, String amount, String diagnosis) {
        return ft1(id, "CG", cpt, modifier, "1", amount, diagnosis, null, "20261020");
    }

    public Dft chargeOn(String id, String cpt, String amount, String date) {
        return ft1(id, "CG", cpt, null, "1", amount, "J20.9", null, date);
    }

    /** A credit, FT1-6 CD, with an FT1-31 reference (may be null). */
    public Dft credit(String id, String reference, String cpt, String modifier, String amount) {
        return ft1(id, "CD", cpt, modifier, "1", amount, null, reference, "20261020");
    }

    /** A reversal the way some EHRs send it: CG with a negative quantity. */
    public Dft negativeCharge(String id, String cpt, String modifier, String amount) {
        return ft1(id, "CG", cpt, modifier, "-1", amount, null, null, "20261020");
    }

    /** A reversal the way other EHRs send it: CG with quantity 1 and a negative amount. */
    public Dft negativeAmount(String id, String cpt, String amount) {
        return ft1(id, "CG", cpt, null, "1", "-" + amount, null, null, "20261020");
    }

    /** A charge of several units: FT1-10 quantity, FT1-11 the extended amount. */
    public Dft chargeUnits(String id, String cpt, String quantity, String amount) {
        return ft1(id, "CG", cpt, null, quantity, amount, "J20.9", null, "20261020");
    }

    /** A credit of some units: CG with FT1-10 = -{@code quantity}, FT1-11 their amount, an FT1-31 reference (may be null). */
    public Dft creditUnits(String id, String reference, String cpt, String quantity, String amount) {
        return ft1(id, "CG", cpt, null, "-" + quantity, amount, null, reference, "20261020");
    }

    public Dft payment(String id, String amount) {
        return ft1(id, "PY", "PAYMENT", null, "1", amount, null, null, "20261020");
    }

    public Dft diagnosis(String code, int priority) {
        dg1s.add(segment("DG1", Map.of(1, String.valueOf(dg1s.size() + 1), 3, code + "^^I10", 6, "F",
                15, String.valueOf(priority))));
        return this;
    }

    private Dft ft1(String id, String type, String cpt, String modifier, String quantity, String amount,
                    String diagnosis, String reference, String date) {
        Map<Integer, String> fields = new TreeMap<>(Map.of(1, String.valueOf(ft1s.size() + 1), 4, date, 6, type,
                7, cpt + "^^C4", 10, quantity, 11, amount, 20, renderingNpi + "^WELBY^MARCUS"));
        if (id != null) {
            fields.put(2, id);
        }
        if (modifier != null) {
            fields.put(26, modifier);
        }
        if (diagnosis != null) {
            fields.put(19, diagnosis + "^^I10");
        }
        if (reference != null) {
            fields.put(31, reference);
        }
        ft1s.add(segment("FT1", fields));
        return this;
    }

    public String build() {
        List<String> segments = new ArrayList<>();
        segments.add("MSH|^~\\&|EHR|" + sendingFacility + "|CLAIMSHUB|HUB|20261101120000||DFT^P03^DFT_P03|" + controlId + "|P|2.5.1");
        segments.add(segment("EVN", Map.of(1, "P03", 2, "20261101120000")));
        String address = street + "^^SPRINGFIELD^IL^627011234";
        String name = patientLast + "^" + patientFirst;
        segments.add(segment("PID", Map.of(1, "1", 3, (mrn != null ? mrn : "MRN" + clm01) + "^^^SUNRISE^MR", 5, name,
                7, birthDate, 8, "F", 11, address, 18, clm01)));
        segments.add(segment("PV1", visit == null ? Map.of(1, "1", 2, "O", 3, "11^^^SUNRISE")
                : Map.of(1, "1", 2, "O", 3, "11^^^SUNRISE", 19, visit)));
        segments.addAll(ft1s.isEmpty() && !onlyStatedLines ? defaultLines() : ft1s);
        segments.addAll(!dg1s.isEmpty() ? dg1s : defaultDiagnoses());
        segments.add(segment("IN1", Map.ofEntries(Map.entry(1, "1"), Map.entry(2, "PPO"), Map.entry(3, payer),
                Map.entry(4, payer + " HEALTH PLAN"), Map.entry(8, "GRP100"), Map.entry(16, name),
                Map.entry(17, "SEL"), Map.entry(18, birthDate), Map.entry(19, address),
                Map.entry(36, memberId != null ? memberId : "W123456789-" + clm01),
                Map.entry(43, "F"))));
        return String.join("\r", segments) + "\r";
    }

    private List<String> defaultLines() {
        return List.of(segment("FT1", Map.ofEntries(Map.entry(1, "1"), Map.entry(2, clm01 + "-1"),
                        Map.entry(4, "20261020"), Map.entry(6, "CG"), Map.entry(7, "99213^^C4"), Map.entry(10, "1"),
                        Map.entry(11, firstLineCharge), Map.entry(19, "J20.9^^I10"),
                        Map.entry(20, renderingNpi + "^WELBY^MARCUS"), Map.entry(26, "25"))),
                segment("FT1", Map.ofEntries(Map.entry(1, "2"), Map.entry(2, clm01 + "-2"),
                        Map.entry(4, "20261020"), Map.entry(6, "CG"), Map.entry(7, "71046^^C4"), Map.entry(10, "1"),
                        Map.entry(11, "80.00"), Map.entry(19, "R05.9^^I10~J20.9^^I10"),
                        Map.entry(20, renderingNpi + "^WELBY^MARCUS"))));
    }

    private List<String> defaultDiagnoses() {
        return onlyStatedLines ? List.of(segment("DG1", Map.of(1, "1", 3, "J20.9^^I10", 6, "F", 15, "1")))
                : List.of(segment("DG1", Map.of(1, "1", 3, "J20.9^ACUTE BRONCHITIS^I10", 6, "F", 15, "1")),
                segment("DG1", Map.of(1, "2", 3, "R05.9^COUGH^I10", 6, "F", 15, "2")));
    }

    /** One segment with the fields given by position, the ones between them empty. */
    public static String segment(String name, Map<Integer, String> fields) {
        TreeMap<Integer, String> sorted = new TreeMap<>(fields);
        StringBuilder text = new StringBuilder(name);
        for (int i = 1; i <= sorted.lastKey(); i++) {
            text.append('|').append(sorted.getOrDefault(i, ""));
        }
        return text.toString();
    }
}
