package io.claimshub.claim;

import java.time.LocalDate;
import java.util.List;

/** Dates of service against the patient's birth and the payer's timely-filing limit. */
final class DateEdits {

    private DateEdits() {
    }

    /**
     * @param timelyFilingDays the payer's limit; 0 when the claim matched no payer (reported elsewhere)
     * @param payerName        for the reason, e.g. ACME HEALTH PLAN
     */
    static void check(Claim claim, int timelyFilingDays, String payerName, Findings findings) {
        LocalDate birth = claim.patient() == null ? null : claim.patient().birthDate();
        LocalDate oldestAllowed = findings.today().minusDays(timelyFilingDays);
        List<ServiceLine> lines = claim.lines();
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine line = lines.get(i);
            LocalDate service = line.serviceDate();
            if (service == null) {
                continue;
            }
            if (birth != null && service.isBefore(birth)) {
                findings.add(Findings.line(i, line), "SERVICE_BEFORE_BIRTH", "the date of service" + Findings.at(line, "FT1-4")
                        + " is before the patient's birth date (PID-7); correct one of them");
            }
            if (timelyFilingDays > 0 && service.isBefore(oldestAllowed)) {
                findings.add(Findings.line(i, line), "TIMELY_FILING", "the date of service " + service + Findings.at(line, "FT1-4")
                        + " is more than " + timelyFilingDays + " days ago: " + payerName + " takes claims for services"
                        + " on or after " + oldestAllowed + " (timelyFilingDays in payers.yaml); the payer would deny it");
            }
        }
    }
}
