package io.claimshub.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds small DFT^P03 messages field by field for the end-to-end tests, so each test states the
 * values it depends on (CLM01, payer, NPI) and nothing else.
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
    private String street = "12 ELM ST";
    private String firstLineCharge = "125.00";

    public static Dft message() {
        return new Dft();
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

    public Dft clm01(String value) {
        clm01 = value;
        return this;
    }

    /** FT1-11 of the first line (the second line is 80.00), for tests whose outcome depends on the total. */
    public Dft firstLineCharge(String value) {
        firstLineCharge = value;
        return this;
    }

    public Dft payer(String value) {
        payer = value;
        return this;
    }

    public Dft renderingNpi(String value) {
        renderingNpi = value;
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

    public String build() {
        List<String> segments = new ArrayList<>();
        segments.add("MSH|^~\\&|EHR|" + sendingFacility + "|CLAIMSHUB|HUB|20261101120000||DFT^P03^DFT_P03|" + controlId + "|P|2.5.1");
        segments.add(segment("EVN", Map.of(1, "P03", 2, "20261101120000")));
        String address = street + "^^SPRINGFIELD^IL^627011234";
        String name = patientLast + "^" + patientFirst;
        segments.add(segment("PID", Map.of(1, "1", 3, "MRN" + clm01 + "^^^SUNRISE^MR", 5, name, 7, birthDate,
                8, "F", 11, address, 18, clm01)));
        segments.add(segment("PV1", Map.of(1, "1", 2, "O", 3, "11^^^SUNRISE")));
        segments.add(segment("FT1", Map.ofEntries(Map.entry(1, "1"), Map.entry(2, clm01 + "-1"),
                Map.entry(4, "20261020"), Map.entry(6, "CG"), Map.entry(7, "99213^^C4"), Map.entry(10, "1"),
                Map.entry(11, firstLineCharge), Map.entry(19, "J20.9^^I10"), Map.entry(20, renderingNpi + "^WELBY^MARCUS"),
                Map.entry(26, "25"))));
        segments.add(segment("FT1", Map.ofEntries(Map.entry(1, "2"), Map.entry(2, clm01 + "-2"),
                Map.entry(4, "20261020"), Map.entry(6, "CG"), Map.entry(7, "71046^^C4"), Map.entry(10, "1"),
                Map.entry(11, "80.00"), Map.entry(19, "R05.9^^I10~J20.9^^I10"),
                Map.entry(20, renderingNpi + "^WELBY^MARCUS"))));
        segments.add(segment("DG1", Map.of(1, "1", 3, "J20.9^ACUTE BRONCHITIS^I10", 6, "F", 15, "1")));
        segments.add(segment("DG1", Map.of(1, "2", 3, "R05.9^COUGH^I10", 6, "F", 15, "2")));
        segments.add(segment("IN1", Map.ofEntries(Map.entry(1, "1"), Map.entry(2, "PPO"), Map.entry(3, payer),
                Map.entry(4, payer + " HEALTH PLAN"), Map.entry(8, "GRP100"), Map.entry(16, name),
                Map.entry(17, "SEL"), Map.entry(18, birthDate), Map.entry(19, address),
                Map.entry(36, memberId != null ? memberId : "W123456789-" + clm01),
                Map.entry(43, "F"))));
        return String.join("\r", segments) + "\r";
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
