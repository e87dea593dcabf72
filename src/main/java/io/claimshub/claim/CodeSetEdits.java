package io.claimshub.claim;

import io.claimshub.codesets.CodeSets;
import io.claimshub.codesets.FiscalYear;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Codes checked against the code sets: ICD-10-CM billable in the fiscal year of the date of service,
 * CPT/HCPCS existence when the clinic supplied the files. A code whose set is not loaded was already
 * checked by shape ({@link CodeFormats}) and passes here.
 */
final class CodeSetEdits {

    private CodeSetEdits() {
    }

    static void check(Claim claim, CodeSets codeSets, Findings findings) {
        List<ServiceLine> lines = claim.lines();
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine line = lines.get(i);
            if (line.serviceDate() == null) {
                continue;
            }
            String where = Findings.line(i, line);
            procedure(line, where, codeSets, findings);
            for (Integer pointer : line.diagnosisPointers()) {
                if (pointer != null && pointer >= 1 && pointer <= claim.diagnoses().size()) {
                    diagnosis(claim.diagnoses().get(pointer - 1), line.serviceDate(), where, codeSets, reported, findings);
                }
            }
        }
        // Diagnoses no line points at are still sent in HI: judge them by the first date of service.
        LocalDate first = null;
        for (ServiceLine line : lines) {
            if (line.serviceDate() != null && (first == null || line.serviceDate().isBefore(first))) {
                first = line.serviceDate();
            }
        }
        if (first != null) {
            for (Diagnosis diagnosis : claim.diagnoses()) {
                diagnosis(diagnosis, first, "claim", codeSets, reported, findings);
            }
        }
    }

    private static void procedure(ServiceLine line, String where, CodeSets codeSets, Findings findings) {
        String code = line.procedureCode();
        if (!CodeFormats.procedure(code) || codeSets.procedure(code) != CodeSets.Answer.UNKNOWN) {
            return;
        }
        boolean hcpcs = Character.isLetter(code.charAt(0));
        findings.add(where, "PROCEDURE_NOT_IN_CODE_SET", "procedure code " + code + Findings.at(line, "FT1-7/FT1-25")
                + (hcpcs ? " is not in the HCPCS Level II file" : " is not in the clinic's CPT list")
                + " loaded from the code-set folder; check the code (it may be deleted or mistyped)");
    }

    private static void diagnosis(Diagnosis diagnosis, LocalDate serviceDate, String where, CodeSets codeSets,
                                  Set<String> reported, Findings findings) {
        String code = diagnosis.code();
        if (!CodeFormats.icd10(code)) {
            return;
        }
        int year = FiscalYear.of(serviceDate);
        CodeSets.Answer answer = codeSets.icd10cm(code, serviceDate);
        if (answer == CodeSets.Answer.VALID || answer == CodeSets.Answer.NOT_LOADED || !reported.add(code + "@" + year)) {
            return;
        }
        String origin = diagnosis.origin() == null ? "" : " (" + diagnosis.origin() + ")";
        if (answer == CodeSets.Answer.NOT_BILLABLE) {
            findings.add(where, "DIAGNOSIS_NOT_BILLABLE", "diagnosis " + code + origin + " is a category heading in ICD-10-CM "
                    + FiscalYear.describe(year) + ", not a billable code: add the characters that complete it");
        } else {
            findings.add(where, "DIAGNOSIS_NOT_IN_CODE_SET", "diagnosis " + code + origin + " is not in ICD-10-CM "
                    + FiscalYear.describe(year) + " (deleted, not yet valid, or mistyped) for the date of service");
        }
    }
}
