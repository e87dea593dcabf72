package io.claimshub.claim;


import java.util.regex.Pattern;

/**
 * Identifiers are matched character for character by payers (eligibility, claim status, remittance), so
 * they are never rewritten to fit X12: a delimiter or a character outside the basic set is a rejection.
 * Names are transliterated ({@link X12Characters}); a name with a character that has no basic equivalent
 * is refused too. Messages name the field and the character, never the value (patient data).
 */
final class IdentifierEdits {

    /** Payers' member ids are letters and digits, some with dashes. */
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9-]{2,80}");

    private IdentifierEdits() {
    }

    /** @param delimiters the payer's four X12 delimiters */
    static void check(Claim claim, String delimiters, Findings findings) {
        identifier("claim", "CLM01_CHARACTERS", "patient control number (PID-18 / PV1-19)", claim.patientControlNumber(),
                delimiters, findings);
        Coverage coverage = claim.primaryCoverage();
        if (coverage != null) {
            String where = coverage.origin() == null ? "coverage 1" : coverage.origin();
            identifier(where, "GROUP_NUMBER_CHARACTERS", "group number (IN1-8)", coverage.groupNumber(), delimiters, findings);
            String memberId = coverage.memberId();
            if (!Findings.blank(memberId) && !MEMBER_ID.matcher(memberId).matches()) {
                findings.add(where, "MEMBER_ID_CHARACTERS", "member id (IN1-36) must be 2 to 80 letters, digits or '-'"
                        + offending(memberId) + "; send it exactly as printed on the insurance card");
            }
            name(where, "insured", coverage.insured(), findings);
        }
        name("PID", "patient", claim.patient(), findings);
    }

    private static void identifier(String where, String code, String what, String value, String delimiters,
                                   Findings findings) {
        if (Findings.blank(value)) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                findings.add(where, code, what + " holds " + X12Characters.describe(c)
                        + ", which the payer's X12 uses as a delimiter; identifiers are sent exactly or not at all");
                return;
            }
            if (!X12Characters.basic(Character.toUpperCase(c)) || c > 0x7E) {
                findings.add(where, code, what + " holds " + X12Characters.describe(c)
                        + ", which is not in the X12 basic character set; identifiers are sent exactly or not at all");
                return;
            }
        }
    }

    private static String offending(String value) {
        if (value.length() < 2) {
            return " (it has 1 character)";
        }
        if (value.length() > 80) {
            return " (it has " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return " (it holds " + X12Characters.describe(c) + ")";
            }
        }
        return "";
    }

    private static void name(String where, String role, Person person, Findings findings) {
        if (person == null) {
            return;
        }
        nameField(where, role, " last name", person.lastName(), findings);
        nameField(where, role, " first name", person.firstName(), findings);
        nameField(where, role, " middle name", person.middleName(), findings);
        nameField(where, role, " name suffix", person.suffix(), findings);
    }

    /** {@code role + field} names the value only when it is reported: four names a person, most of them fine. */
    private static void nameField(String where, String role, String field, String value, Findings findings) {
        char c = X12Characters.untranslatable(value);
        if (c != 0) {
            findings.add(where, "NAME_CHARACTERS", role + field + " holds " + X12Characters.describe(c)
                    + ", which has no equivalent in X12 letters; spell the name as on the insurance card");
        }
    }
}
