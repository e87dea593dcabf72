package io.claimshub.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What makes two service lines the same service for a payer: patient (name, birth date, member id), date
 * of service, procedure and modifiers. Kept as a SHA-256 so the ledger can look services up without
 * another copy of the patient's data.
 *
 * @param line the line in the clerk's words, for the reason: "line 2 (71046, 2026-10-20)"
 * @param key  the hash
 */
public record ServiceKey(String line, String key) {

    /** One key per line with a date and a procedure; empty without a patient or a primary coverage. */
    public static List<ServiceKey> of(Claim claim) {
        Person patient = claim.patient();
        Coverage coverage = claim.primaryCoverage();
        List<ServiceKey> keys = new ArrayList<>();
        if (patient == null || coverage == null) {
            return keys;
        }
        String who = String.join("|", upper(patient.lastName()), upper(patient.firstName()),
                String.valueOf(patient.birthDate()), upper(coverage.memberId()));
        for (int i = 0; i < claim.lines().size(); i++) {
            ServiceLine line = claim.lines().get(i);
            if (line.serviceDate() == null || line.procedureCode() == null) {
                continue;
            }
            String service = String.join("|", who, line.serviceDate().toString(), upper(line.procedureCode()),
                    String.join(":", line.modifiers()));
            keys.add(new ServiceKey(Findings.line(i, line), ClaimJson.contentHash(service)));
        }
        return keys;
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
