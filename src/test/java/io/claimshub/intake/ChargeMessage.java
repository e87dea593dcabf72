package io.claimshub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.claimshub.e2e.Dft.segment;

/**
 * A DFT^P03 for the charge-capture tests: the patient, visit and insurance of {@code e2e.Dft}, with the FT1s
 * and DG1s each test states.
 */
public final class ChargeMessage {

    private final String controlId;
    private String account = "ACC500";
    private String visit = "V500";
    private String payer = "ACME";
    private String facility = "SUNRISE";
    private final List<String> ft1s = new ArrayList<>();
    private final List<String> dg1s = new ArrayList<>();

    private ChargeMessage(String controlId) {
        this.controlId = controlId;
    }

    public static ChargeMessage message(String controlId) {
        return new ChargeMessage(controlId);
    }

    public ChargeMessage account(String value) {
        account = value;
        return this;
    }

    /** IN1-3 of the only insurance. */
    public ChargeMessage payer(String value) {
        payer = value;
        return this;
    }

    /** MSH-4 sending facility: which clinic sent it. */
    public ChargeMessage facility(String value) {
        facility = value;
        return this;
    }

    public ChargeMessage visit(String value) {
        visit = value;
        return this;
    }

    /** A charge: FT1-2 id (may be null), CPT, modifier (may be null), amount, FT1-19 diagnosis. */
    public ChargeMessage charge(String id, String cpt, String modifier, String amount, String diagnosis) {
        return ft1(id, "CG", cpt, modifier, "1", amount, diagnosis, null, "20261020");
    }

    public ChargeMessage chargeOn(String id, String cpt, String amount, String date) {
        return ft1(id, "CG", cpt, null, "1", amount, "J20.9", null, date);
    }

    /** A credit, FT1-6 CD, with an FT1-31 reference (may be null). */
    public ChargeMessage credit(String id, String reference, String cpt, String modifier, String amount) {
        return ft1(id, "CD", cpt, modifier, "1", amount, null, reference, "20261020");
    }

    /** A reversal the way some EHRs send it: CG with a negative quantity. */
    public ChargeMessage negativeCharge(String id, String cpt, String modifier, String amount) {
        return ft1(id, "CG", cpt, modifier, "-1", amount, null, null, "20261020");
    }

    /** A reversal the way other EHRs send it: CG with quantity 1 and a negative amount. */
    public ChargeMessage negativeAmount(String id, String cpt, String amount) {
        return ft1(id, "CG", cpt, null, "1", "-" + amount, null, null, "20261020");
    }

    /** A charge of several units: FT1-10 quantity, FT1-11 the extended amount. */
    public ChargeMessage chargeUnits(String id, String cpt, String quantity, String amount) {
        return ft1(id, "CG", cpt, null, quantity, amount, "J20.9", null, "20261020");
    }

    /** A credit of some units: CG with FT1-10 = -{@code quantity}, FT1-11 their amount, an FT1-31 reference (may be null). */
    public ChargeMessage creditUnits(String id, String reference, String cpt, String quantity, String amount) {
        return ft1(id, "CG", cpt, null, "-" + quantity, amount, null, reference, "20261020");
    }

    public ChargeMessage payment(String id, String amount) {
        return ft1(id, "PY", "PAYMENT", null, "1", amount, null, null, "20261020");
    }

    public ChargeMessage diagnosis(String code, int priority) {
        dg1s.add(segment("DG1", Map.of(1, String.valueOf(dg1s.size() + 1), 3, code + "^^I10", 6, "F",
                15, String.valueOf(priority))));
        return this;
    }

    private ChargeMessage ft1(String id, String type, String cpt, String modifier, String quantity, String amount,
                              String diagnosis, String reference, String date) {
        Map<Integer, String> fields = new TreeMap<>(Map.of(1, String.valueOf(ft1s.size() + 1), 4, date, 6, type,
                7, cpt + "^^C4", 10, quantity, 11, amount, 20, "1245319599^WELBY^MARCUS"));
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
        segments.add("MSH|^~\\&|EHR|" + facility + "|CLAIMSHUB|HUB|20261101120000||DFT^P03^DFT_P03|" + controlId + "|P|2.5.1");
        segments.add(segment("EVN", Map.of(1, "P03", 2, "20261101120000")));
        String address = "12 ELM ST^^SPRINGFIELD^IL^627011234";
        segments.add(segment("PID", Map.of(1, "1", 3, "MRN1^^^SUNRISE^MR", 5, "DOE^JANE", 7, "19800215",
                8, "F", 11, address, 18, account)));
        segments.add(segment("PV1", Map.of(1, "1", 2, "O", 3, "11^^^SUNRISE", 19, visit)));
        segments.addAll(ft1s);
        segments.addAll(dg1s.isEmpty() ? List.of(segment("DG1", Map.of(1, "1", 3, "J20.9^^I10", 6, "F", 15, "1")))
                : dg1s);
        segments.add(segment("IN1", Map.ofEntries(Map.entry(1, "1"), Map.entry(2, "PPO"), Map.entry(3, payer),
                Map.entry(4, payer + " HEALTH PLAN"), Map.entry(8, "GRP100"), Map.entry(16, "DOE^JANE"),
                Map.entry(17, "SEL"), Map.entry(18, "19800215"), Map.entry(19, address), Map.entry(36, "W123456789"),
                Map.entry(43, "F"))));
        return String.join("\r", segments) + "\r";
    }
}
