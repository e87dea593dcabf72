package io.claimshub.claim;


import java.util.Set;

/**
 * Edits of the people and organisations on the claim: billing provider, patient, subscriber, payer.
 * Messages name the field, never its value: these values are patient data.
 */
final class PartyEdits {

    private static final Set<String> SEXES = Set.of("M", "F", "U");
    private static final Set<String> RELATIONSHIPS = Set.of(Coverage.SELF, "01", "19", "G8");

    private PartyEdits() {
    }

    static void billingProvider(EditContext.BillingProvider clinic, Findings findings) {
        String where = "clinic config";
        findings.npi(where, clinic.npi(), "billing provider");
        if (Findings.blank(clinic.npi())) {
            findings.add(where, "BILLING_NPI_MISSING", "billing provider NPI is missing");
        }
        if (clinic.taxId() == null || !clinic.taxId().matches("\\d{9}")) {
            findings.add(where, "BILLING_TAX_ID", "billing provider tax id must be the 9-digit EIN");
        }
        if (clinic.address() == null || clinic.address().zip() == null || !clinic.address().zip().matches("\\d{9}")) {
            findings.add(where, "BILLING_ZIP", "billing provider ZIP must have 9 digits (ZIP+4)");
        }
        if (clinic.address() != null && clinic.address().line1() != null
                && clinic.address().line1().toUpperCase().replaceAll("[^A-Z0-9 ]", "").matches(".*\\bP ?O BOX\\b.*")) {
            findings.add(where, "BILLING_PO_BOX", "billing provider address must be a street address, not a PO box");
        }
    }

    /** @param payerKnown whether IN1-3 of the primary coverage matches a payer in payers.yaml */
    static void coverage(Claim claim, boolean payerKnown, Findings findings) {
        Coverage coverage = claim.primaryCoverage();
        if (coverage == null) {
            findings.add("claim", "NO_INSURANCE", "no insurance (IN1): cannot bill");
            return;
        }
        String where = coverage.origin() == null ? "coverage 1" : coverage.origin();
        if (Findings.blank(coverage.payerKey())) {
            findings.add(where, "PAYER_MISSING", "insurance company id (IN1-3) is missing");
        } else if (!payerKnown) {
            findings.add(where, "UNKNOWN_PAYER", "insurance company id '" + coverage.payerKey()
                    + "' (IN1-3) matches no payer in payers.yaml");
        }
        if (Findings.blank(coverage.memberId())) {
            findings.add(where, "MEMBER_ID_MISSING", "member id (IN1-36) is missing");
        }
        if (coverage.relationshipCode() != null && !RELATIONSHIPS.contains(coverage.relationshipCode())) {
            findings.add(where, "RELATIONSHIP", "relationship to the insured (IN1-17) must be self, spouse, child or other");
        }
        person(coverage.insured(), where, "insured", "IN1-16/18/43", coverage.patientIsInsured(), findings);
    }

    static void patient(Claim claim, Findings findings) {
        Coverage coverage = claim.primaryCoverage();
        boolean dependent = coverage != null && !coverage.patientIsInsured();
        person(claim.patient(), "PID", "patient", "PID-5/7/8", dependent, findings);
    }

    private static void person(Person person, String where, String role, String fields, boolean addressRequired,
                               Findings findings) {
        if (person == null) {
            findings.add(where, role.toUpperCase() + "_MISSING", role + " (" + fields + ") is missing");
            return;
        }
        if (Findings.blank(person.lastName()) || Findings.blank(person.firstName())) {
            findings.add(where, role.toUpperCase() + "_NAME", role + " last and first name are required");
        }
        findings.dateNotInFuture(where, role.toUpperCase() + "_BIRTH_DATE", person.birthDate(), role + " birth date", true);
        if (person.sex() == null || !SEXES.contains(person.sex())) {
            findings.add(where, role.toUpperCase() + "_SEX", role + " sex must be M, F or U");
        }
        if (addressRequired) {
            Address address = person.address();
            if (address == null || Findings.blank(address.line1()) || Findings.blank(address.city())
                    || address.state() == null || !address.state().matches("[A-Za-z]{2}")
                    || address.zip() == null || !address.zip().matches("\\d{5}(\\d{4})?")) {
                findings.add(where, role.toUpperCase() + "_ADDRESS", role + " address needs street, city, 2-letter state and a 5- or 9-digit ZIP");
            }
        }
    }
}
