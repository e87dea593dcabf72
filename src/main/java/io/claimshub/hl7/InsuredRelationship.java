package io.claimshub.hl7;

import java.util.Locale;
import java.util.Map;

/**
 * IN1-17 (patient's relationship to the insured, HL7 table 0063) as the X12 individual relationship code
 * of SBR02 / PAT01: 18 self, 01 spouse, 19 child, G8 other.
 *
 * <ul>
 *   <li>SEL (or SELF) → 18; empty → 18 (a coverage without a relationship is almost always the patient's own).</li>
 *   <li>SPO → 01. DOM (life partner) is not a spouse: G8.</li>
 *   <li>CHD, NCH (natural), SCH (step) and FCH (foster child) → 19: 5010 folded its child codes into 19.
 *       GCH (grandchild), WRD (ward) and DEP (handicapped dependent) are G8 in 5010.</li>
 *   <li>Senders that already write X12 codes: 18, 01 and 19 are kept. "01" is therefore read as spouse,
 *       not as the old UB-92 "patient is insured", which no 5010-era system should still send.</li>
 *   <li>Anything else that is not empty → G8.</li>
 * </ul>
 */
final class InsuredRelationship {

    private static final Map<String, String> X12_BY_HL7 = Map.ofEntries(
            Map.entry("SEL", "18"),
            Map.entry("SELF", "18"),
            Map.entry("18", "18"),
            Map.entry("SPO", "01"),
            Map.entry("01", "01"),
            Map.entry("CHD", "19"),
            Map.entry("NCH", "19"),
            Map.entry("SCH", "19"),
            Map.entry("FCH", "19"),
            Map.entry("19", "19"));

    static final String OTHER = "G8";

    private InsuredRelationship() {
    }

    static String x12Code(String in117) {
        if (in117 == null) {
            return "18";
        }
        return X12_BY_HL7.getOrDefault(in117.toUpperCase(Locale.ROOT), OTHER);
    }
}
