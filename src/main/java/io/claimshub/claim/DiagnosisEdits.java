package io.claimshub.claim;

import java.util.HashSet;
import java.util.Set;

/** Edits of the claim's diagnoses (HI). */
final class DiagnosisEdits {

    static final int MAX_DIAGNOSES = 12;

    private DiagnosisEdits() {
    }

    static void check(Claim claim, Findings findings) {
        if (claim.diagnoses().isEmpty()) {
            findings.add("claim", "NO_DIAGNOSIS", "no diagnosis code: add a DG1 or FT1-19");
        }
        if (claim.diagnoses().size() > MAX_DIAGNOSES) {
            findings.add("claim", "TOO_MANY_DIAGNOSES", claim.diagnoses().size() + " diagnosis codes; at most "
                    + MAX_DIAGNOSES + " fit on a professional claim");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            Diagnosis diagnosis = claim.diagnoses().get(i);
            String where = diagnosis.origin() == null ? "diagnosis " + (i + 1) : diagnosis.origin();
            String code = diagnosis.code();
            if (!CodeFormats.icd10(code)) {
                findings.add(where, "DIAGNOSIS_CODE", Findings.blank(code) ? "diagnosis code is missing"
                        : "diagnosis code " + code + " is not an ICD-10-CM code");
            } else if (!seen.add(code)) {
                findings.add(where, "DIAGNOSIS_REPEATED", "diagnosis code " + code + " is listed twice");
            }
        }
    }
}
