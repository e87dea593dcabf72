package io.claimshub.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The reasons one run of the edits has found so far, and the checks the edit classes share. */
final class Findings {

    private final List<Reason> reasons = new ArrayList<>();
    private final LocalDate today;

    Findings(LocalDate today) {
        this.today = today;
    }

    void add(String where, String code, String message) {
        reasons.add(new Reason(where, code, message));
    }

    List<Reason> reasons() {
        return List.copyOf(reasons);
    }

    /**
     * A service line in the clerk's words: "line 2 (71046, 2026-10-20)". The HL7 or JSON position goes in
     * the message, see {@link #at(ServiceLine, String)}.
     */
    static String line(int index, ServiceLine line) {
        return "line " + (index + 1) + " (" + (blank(line.procedureCode()) ? "no procedure code" : line.procedureCode())
                + ", " + (line.serviceDate() == null ? "no date" : line.serviceDate()) + ")";
    }

    /** " (FT1 #2, FT1-7)": where the value came from, for the integration staff. */
    static String at(ServiceLine line, String field) {
        return line.origin() == null ? "" : " (" + line.origin() + (line.origin().startsWith("FT1") ? ", " + field : "") + ")";
    }

    LocalDate today() {
        return today;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Dates must exist and not lie in the future; {@code what} names the date without its value (PHI). */
    void dateNotInFuture(String where, String code, LocalDate date, String what, boolean required) {
        if (date == null) {
            if (required) {
                add(where, code + "_MISSING", what + " is missing");
            }
        } else if (date.isAfter(today)) {
            add(where, code + "_IN_FUTURE", what + " is in the future");
        }
    }

    /** At most two decimals: X12 amounts are dollars and cents. */
    static boolean cents(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2;
    }

    void npi(String where, String npi, String role) {
        if (!blank(npi) && !Npi.isValid(npi)) {
            add(where, "NPI_CHECK_DIGIT", role + " NPI " + npi + " fails the check digit");
        }
    }
}
