package io.claimshub.hl7;

import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Drug;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A charge FT1 as read, before the claim's diagnosis list exists: it keeps its FT1-19 codes so that they
 * can become pointers into that list.
 */
record Charge(
        String origin,
        String lineControlNumber,
        LocalDate serviceDate,
        String procedureCode,
        List<String> modifiers,
        BigDecimal units,
        BigDecimal chargeAmount,
        List<String> diagnosisCodes,
        Provider renderingProvider,
        Provider orderingProvider,
        Drug drug) {

    /**
     * The service line, pointing at the 1-based positions of its FT1-19 codes in {@code diagnoses} (the
     * first is the line's primary); a line without FT1-19 points at the claim's principal diagnosis.
     */
    ServiceLine toServiceLine(List<Diagnosis> diagnoses) {
        List<Integer> pointers = new ArrayList<>();
        for (String code : diagnosisCodes) {
            int pointer = position(diagnoses, code) + 1;
            if (pointer > 0 && !pointers.contains(pointer)) {
                pointers.add(pointer);
            }
        }
        if (pointers.isEmpty()) {
            pointers.add(1);
        }
        return new ServiceLine(origin, lineControlNumber, serviceDate, procedureCode, modifiers, units,
                chargeAmount, pointers, renderingProvider, orderingProvider, null, drug);
    }

    /** The index of the diagnosis with that code, -1 when there is none. */
    private static int position(List<Diagnosis> diagnoses, String code) {
        for (int i = 0; i < diagnoses.size(); i++) {
            if (diagnoses.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }
}
