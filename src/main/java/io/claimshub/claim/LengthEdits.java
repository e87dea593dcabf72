package io.claimshub.claim;

/**
 * Values must fit their X12 elements (005010 maximum lengths); an 837 with an overlong element is
 * refused by the payer, and the writer refuses to write one. Messages name the field, not its value.
 */
final class LengthEdits {

    private LengthEdits() {
    }

    static void check(Claim claim, Findings findings) {
        fits(findings, "claim", claim.originalPayerClaimNumber(), 50, "original payer claim number (REF*F8)");
        fits(findings, "claim", claim.priorAuthorization(), 50, "prior authorization (REF*G1)");
        person(findings, "PID", claim.patient(), "patient");
        for (Coverage coverage : claim.coverages()) {
            String where = coverage.origin() == null ? "coverage" : coverage.origin();
            fits(findings, where, coverage.memberId(), 80, "member id (IN1-36)");
            fits(findings, where, coverage.groupNumber(), 50, "group number (IN1-8)");
            fits(findings, where, coverage.payerName(), 60, "insurance company name (IN1-4)");
            person(findings, where, coverage.insured(), "insured");
        }
        for (ServiceLine line : claim.lines()) {
            String where = line.origin() == null ? "line" : line.origin();
            fits(findings, where, line.lineControlNumber(), 50, "line control number (FT1-2)");
            if (line.renderingProvider() != null) {
                fits(findings, where, line.renderingProvider().lastName(), 60, "rendering provider last name");
                fits(findings, where, line.renderingProvider().firstName(), 35, "rendering provider first name");
            }
        }
    }

    private static void person(Findings findings, String where, Person person, String role) {
        if (person == null) {
            return;
        }
        fits(findings, where, person.lastName(), 60, role + " last name");
        fits(findings, where, person.firstName(), 35, role + " first name");
        fits(findings, where, person.middleName(), 25, role + " middle name");
        Address address = person.address();
        if (address != null) {
            fits(findings, where, address.line1(), 55, role + " address line 1");
            fits(findings, where, address.line2(), 55, role + " address line 2");
            fits(findings, where, address.city(), 30, role + " city");
        }
    }

    private static void fits(Findings findings, String where, String value, int max, String what) {
        if (value != null && value.length() > max) {
            findings.add(where, "TOO_LONG", what + " has " + value.length() + " characters; at most " + max + " fit in the 837");
        }
    }
}
