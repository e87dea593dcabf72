package io.claimshub.intake;

import io.claimshub.claim.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the mapper's problems and the edits' reasons without saying the same thing twice: when the
 * mapper already named the HL7 field that is empty ("FT1-4 transaction date is empty"), the edit that
 * follows from it ("date of service is missing") adds nothing for the clerk.
 */
final class ReasonMerger {

    /** Mapper code → edit codes it already explains (at the same place, or for the claim as a whole). */
    private static final Map<String, Set<String>> RESTATED = Map.of(
            "NO_PATIENT_CONTROL_NUMBER", Set.of("CLM01_MISSING"),
            "NO_INSURANCE", Set.of("NO_INSURANCE"),
            "NO_CHARGE_LINES", Set.of("NO_SERVICE_LINES"),
            "NO_PATIENT", Set.of("PATIENT_MISSING"),
            "NO_CHARGE_AMOUNT", Set.of("CHARGE", "TOTAL_CHARGE"),
            "NO_SERVICE_DATE", Set.of("SERVICE_DATE_MISSING"),
            "NO_PROCEDURE_CODE", Set.of("PROCEDURE_CODE"),
            "NO_DIAGNOSIS_CODE", Set.of("DIAGNOSIS_CODE"));

    private ReasonMerger() {
    }

    static List<Reason> merge(List<Reason> mapping, List<Reason> edits) {
        List<Reason> merged = new ArrayList<>(mapping);
        for (Reason edit : edits) {
            boolean restated = mapping.stream().anyMatch(problem ->
                    RESTATED.getOrDefault(problem.code(), Set.of()).contains(edit.code())
                            && (edit.where().equals(problem.where()) || edit.where().equals("claim")));
            if (!restated) {
                merged.add(edit);
            }
        }
        return merged;
    }
}
