package io.claimshub.claim;

/**
 * A diagnosis code for HI, written without the dot and in upper case.
 *
 * @param origin where it came from, for reasons: "DG1 #2", "FT1 #1" (FT1-19) or "diagnoses[1]"
 */
public record Diagnosis(String code, String origin) {
}
