package io.claimshub.hl7;

import io.claimshub.claim.Diagnosis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The claim's diagnosis list (HI): DG1-3 codes ordered by DG1-15 priority, then the charges' FT1-19 codes
 * that are not in it yet. Codes are written without the dot and in upper case; each code appears once.
 * Every code is kept: the edits enforce the 12-code limit with a reason.
 */
final class DiagnosisMapper {

    private final List<Diagnosis> diagnoses;
    private final FieldReader principalDg1;

    DiagnosisMapper(List<FieldReader> dg1s, List<Charge> charges) {
        Map<String, Diagnosis> byCode = new LinkedHashMap<>();
        FieldReader principal = null;
        for (FieldReader dg1 : byPriority(dg1s)) {
            String code = normalise(dg1.text(3));
            if (code == null) {
                dg1.problem("NO_DIAGNOSIS_CODE", "DG1-3 diagnosis code is empty");
            } else if (!byCode.containsKey(code)) {
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
        List<FieldReader> ordered = new ArrayList<>(dg1s);
        ordered.sort(Comparator.comparingInt(DiagnosisMapper::rank));
        return ordered;
    }

    private static int rank(FieldReader dg1) {
        int priority = dg1.positiveInteger(15);
        return priority == 0 ? Integer.MAX_VALUE : priority;
    }
}
