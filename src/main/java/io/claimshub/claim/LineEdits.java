package io.claimshub.claim;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;

/** Edits of the service lines (loop 2400). */
final class LineEdits {

    static final int MAX_LINES = 50;
    static final int MAX_MODIFIERS = 4;
    static final int MAX_POINTERS = 4;

    private LineEdits() {
    }

    static void check(Claim claim, Findings findings) {
        List<ServiceLine> lines = claim.lines();
        if (lines.isEmpty()) {
            findings.add("claim", "NO_SERVICE_LINES", "no billable service line: add an FT1 of type CG with a procedure code");
        }
        if (lines.size() > MAX_LINES) {
            findings.add("claim", "TOO_MANY_LINES", "claim has " + lines.size() + " service lines; the limit is "
                    + MAX_LINES + " — split the visit into two claims");
        }
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine line = lines.get(i);
            check(line, line.origin() == null ? "line " + (i + 1) : line.origin(), claim.diagnoses().size(), findings);
        }
    }

    private static void check(ServiceLine line, String where, int diagnoses, Findings findings) {
        if (!CodeFormats.procedure(line.procedureCode())) {
            findings.add(where, "PROCEDURE_CODE", Findings.blank(line.procedureCode()) ? "procedure code is missing"
                    : "procedure code " + line.procedureCode() + " is not a CPT (5 digits, or 4 digits and F/T/U) or HCPCS (letter and 4 digits) code");
        }
        if (line.modifiers().size() > MAX_MODIFIERS) {
            findings.add(where, "TOO_MANY_MODIFIERS", line.modifiers().size() + " modifiers; at most " + MAX_MODIFIERS + " fit on a line");
        }
        for (String modifier : line.modifiers()) {
            if (!CodeFormats.modifier(modifier)) {
                findings.add(where, "MODIFIER", "modifier '" + modifier + "' must be 2 letters or digits");
            }
        }
        amount(line.chargeAmount(), where, "CHARGE", "charge", findings);
        if (line.units() == null || line.units().signum() <= 0) {
            findings.add(where, "UNITS", "units must be more than 0");
        }
        findings.dateNotInFuture(where, "SERVICE_DATE", line.serviceDate(), "date of service", true);
        pointers(line.diagnosisPointers(), where, diagnoses, findings);
        Provider rendering = line.renderingProvider();
        if (rendering != null) {
            findings.npi(where, rendering.npi(), "rendering provider");
            if (!Findings.blank(rendering.npi()) && Findings.blank(rendering.lastName())) {
                findings.add(where, "RENDERING_NAME", "rendering provider " + rendering.npi() + " has no last name");
            }
        }
    }

    static void amount(BigDecimal amount, String where, String code, String what, Findings findings) {
        if (amount == null || amount.signum() <= 0) {
            findings.add(where, code, what + " must be more than 0");
        } else if (!Findings.cents(amount)) {
            findings.add(where, code, what + " " + amount.toPlainString() + " has more than 2 decimals");
        }
    }

    private static void pointers(List<Integer> pointers, String where, int diagnoses, Findings findings) {
        if (pointers.isEmpty()) {
            findings.add(where, "DIAGNOSIS_POINTER", "no diagnosis pointer: point the line at one of the claim's diagnoses");
        }
        if (pointers.size() > MAX_POINTERS) {
            findings.add(where, "DIAGNOSIS_POINTER", pointers.size() + " diagnosis pointers; at most " + MAX_POINTERS + " fit on a line");
        }
        if (new HashSet<>(pointers).size() != pointers.size()) {
            findings.add(where, "DIAGNOSIS_POINTER", "a diagnosis pointer is repeated");
        }
        for (Integer pointer : pointers) {
            if (pointer == null || pointer < 1 || pointer > diagnoses) {
                findings.add(where, "DIAGNOSIS_POINTER", "diagnosis pointer " + pointer + " points at no diagnosis (the claim has "
                        + diagnoses + ")");
            }
        }
    }
}
