package io.claimshub.claim;

import java.util.regex.Pattern;

/** The shapes of the codes on a professional claim, as a clearinghouse's front end checks them. */
final class CodeFormats {

    /** CPT: 5 digits, or 4 digits and F (category II), T (category III) or U (proprietary lab analyses). */
    private static final Pattern CPT = Pattern.compile("\\d{5}|\\d{4}[FTU]");
    /** HCPCS level II: a letter A–V and 4 digits. */
    private static final Pattern HCPCS = Pattern.compile("[A-V]\\d{4}");
    private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");
    /** ICD-10-CM without the dot: letter, digit, digit or letter, then up to 4 more characters. */
    private static final Pattern ICD10_CM = Pattern.compile("[A-Z]\\d[A-Z0-9][A-Z0-9]{0,4}");
    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("0[1-9]|[1-9]\\d");

    private CodeFormats() {
    }

    static boolean procedure(String code) {
        return code != null && (CPT.matcher(code).matches() || HCPCS.matcher(code).matches());
    }

    static boolean modifier(String modifier) {
        return modifier != null && MODIFIER.matcher(modifier).matches();
    }

    static boolean icd10(String code) {
        return code != null && ICD10_CM.matcher(code).matches();
    }

    static boolean placeOfService(String code) {
        return code != null && PLACE_OF_SERVICE.matcher(code).matches();
    }
}
