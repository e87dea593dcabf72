package io.claimshub.clinicreturn;

import java.util.Map;

/** The five CAS claim adjustment group codes in words (X12 835, CAS01). */
final class AdjustmentGroups {

    private static final Map<String, String> GROUPS = Map.of(
            "CO", "contractual obligation",
            "PR", "patient responsibility",
            "OA", "other adjustment",
            "PI", "payer initiated reduction",
            "CR", "correction and reversal");

    private AdjustmentGroups() {
    }

    static String describe(String group) {
        return GROUPS.getOrDefault(group, "adjustment");
    }
}
