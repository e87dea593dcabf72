package io.claimshub.hl7;

import io.claimshub.claim.Diagnosis;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The claim's diagnosis list (HI): DG1-3 codes ordered by DG1-15 priority, then the charges' FT1-19 codes
 * that are not in it yet. Codes are written without the dot and in upper case; each code appears once.
 * Every code is kept: the edits enforce the 12-code limit with a reason.
 */
final class DiagnosisMapper {

    /** HL7 table 0396 names for ICD-10-CM, and what EHRs commonly send instead. */
    private static final Set<String> ICD10_CM_SYSTEMS = Set.of("I10", "I10C", "ICD10", "ICD10CM", "ICD-10-CM");
    private static final Set<String> ICD9_SYSTEMS = Set.of("I9", "I9C", "I9CDX", "ICD9", "ICD9CM", "ICD-9-CM");

    private final List<Diagnosis> diagnoses;
    private final FieldReader principalDg1;

    DiagnosisMapper(List<FieldReader> dg1s, List<Charge> charges) {
        Map<String, Diagnosis> byCode = new LinkedHashMap<>();
        FieldReader principal = null;
        for (FieldReader dg1 : byPriority(dg1s)) {
            String code = normalise(dg1.text(3));
            if (code == null) {
                dg1.problem("NO_DIAGNOSIS_CODE", "DG1-3 diagnosis code is empty");
                continue;
            }
            checkCodingSystem(dg1, "DG1-3", code, dg1.text(3, 3));
            if (!byCode.containsKey(code)) {
                byCode.put(code, new Diagnosis(code, dg1.origin()));
                principal = principal == null ? dg1 : principal;
            }
        }
        for (Charge charge : charges) {
            for (String code : charge.diagnosisCodes()) {
                byCode.putIfAbsent(code, new Diagnosis(code, charge.origin()));
            }
        }
        this.diagnoses = List.copyOf(byCode.values());
        this.principalDg1 = principal;
    }

    List<Diagnosis> diagnoses() {
        return diagnoses;
    }

    /**
     * DTP*431 onset: DG1-5 (diagnosis date/time) of the principal diagnosis when it comes from a DG1. HL7
     * v2 has no onset field for professional charges; the date a diagnosis was made is the closest.
     */
    LocalDate onsetDate() {
        return principalDg1 == null ? null : principalDg1.date(5, 1, 1, "diagnosis date");
    }

    /**
     * The coding system of a diagnosis (CE/CWE component 3) must be ICD-10-CM or empty: a claim with an
     * ICD-9 (or SNOMED, or local) code is refused by every payer since October 2015.
     */
    static void checkCodingSystem(FieldReader segment, String field, String code, String codingSystem) {
        if (codingSystem == null || ICD10_CM_SYSTEMS.contains(codingSystem.toUpperCase(Locale.ROOT))) {
            return;
        }
        String system = codingSystem.toUpperCase(Locale.ROOT);
        segment.problem("DIAGNOSIS_CODING_SYSTEM", ICD9_SYSTEMS.contains(system)
                ? field + " diagnosis " + code + " is coded " + codingSystem + " (ICD-9); since October 2015 claims need"
                        + " ICD-10-CM codes (coding system I10)"
                : field + " diagnosis " + code + " is coded " + codingSystem + ", not ICD-10-CM; send the ICD-10-CM"
                        + " code (coding system I10)");
    }

    /** "j20.9 " → "J209"; null stays null. */
    static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String normalised = code.replace(".", "").strip().toUpperCase(Locale.ROOT);
        return normalised.isEmpty() ? null : normalised;
    }

    /**
     * DG1-15 priority 1, 2, 3 … first; 0 ("not included in diagnosis ranking", table 0359), empty or
     * unreadable priorities after them, each group in message order.
     */
    private static List<FieldReader> byPriority(List<FieldReader> dg1s) {
        return FieldReader.ordered(dg1s, DiagnosisMapper::rank);
    }

    private static int rank(FieldReader dg1) {
        int priority = dg1.positiveInteger(15);
        return priority == 0 ? Integer.MAX_VALUE : priority;
    }
}
