package io.claimshub.codesets;

import java.time.LocalDate;
import java.time.Month;

/** The US federal fiscal year that code sets follow: FY2026 runs from 1 October 2025 to 30 September 2026. */
public final class FiscalYear {

    private FiscalYear() {
    }

    public static int of(LocalDate date) {
        return date.getMonthValue() >= Month.OCTOBER.getValue() ? date.getYear() + 1 : date.getYear();
    }

    /** "FY2026 (1 Oct 2025 – 30 Sep 2026)" */
    public static String describe(int fiscalYear) {
        return "FY" + fiscalYear + " (1 Oct " + (fiscalYear - 1) + " – 30 Sep " + fiscalYear + ")";
    }
}
