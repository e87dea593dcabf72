package io.claimshub.codesets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loaded snapshot of the code sets: ICD-10-CM per fiscal year, HCPCS Level II and CPT when the clinic
 * supplied them, and the CMS place-of-service list shipped with the hub. Immutable and thread-safe; a
 * reload builds a new one.
 */
public final class CodeSets {

    /** What a code-set lookup can say. {@code NOT_LOADED}: no file covers it, so only its shape was checked. */
    public enum Answer { VALID, NOT_BILLABLE, UNKNOWN, NOT_LOADED }

    private static final Set<String> PLACES_OF_SERVICE = readPlacesOfService();

    private final Map<Integer, Map<String, Boolean>> icd10cmByFiscalYear;
    private final Set<String> hcpcs;
    private final Set<String> cpt;

    CodeSets(Map<Integer, Map<String, Boolean>> icd10cmByFiscalYear, Set<String> hcpcs, Set<String> cpt) {
        this.icd10cmByFiscalYear = Map.copyOf(icd10cmByFiscalYear);
        this.hcpcs = hcpcs == null ? null : Collections.unmodifiableSet(hcpcs);
        this.cpt = cpt == null ? null : Collections.unmodifiableSet(cpt);
    }

    /** Only what ships with the hub (places of service): every other code is checked by shape. */
    public static CodeSets shippedOnly() {
        return new CodeSets(Map.of(), null, null);
    }

    /** An ICD-10-CM code (no dot, upper case) on a date of service. */
    public Answer icd10cm(String code, LocalDate dateOfService) {
        Map<String, Boolean> year = icd10cmByFiscalYear.get(FiscalYear.of(dateOfService));
        if (year == null) {
            return Answer.NOT_LOADED;
        }
        Boolean billable = year.get(code);
        return billable == null ? Answer.UNKNOWN : billable ? Answer.VALID : Answer.NOT_BILLABLE;
    }

    /** A CPT (digits first) or HCPCS Level II (letter first) code. */
    public Answer procedure(String code) {
        Set<String> codes = Character.isDigit(code.charAt(0)) ? cpt : hcpcs;
        if (codes == null) {
            return Answer.NOT_LOADED;
        }
        return codes.contains(code) ? Answer.VALID : Answer.UNKNOWN;
    }

    public boolean placeOfService(String code) {
        return isPlaceOfService(code);
    }

    /** On the CMS place-of-service list shipped with the hub (unassigned codes such as 37 are not). */
    public static boolean isPlaceOfService(String code) {
        return code != null && PLACES_OF_SERVICE.contains(code);
    }

    /** Fiscal years with an ICD-10-CM file, ascending. */
    public List<Integer> icd10cmFiscalYears() {
        return icd10cmByFiscalYear.keySet().stream().sorted().toList();
    }

    public boolean hasHcpcs() {
        return hcpcs != null;
    }

    public boolean hasCpt() {
        return cpt != null;
    }

    private static Set<String> readPlacesOfService() {
        Set<String> codes = new HashSet<>();
        try (InputStream in = CodeSets.class.getResourceAsStream("/codesets/place-of-service.txt")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    codes.add(line.substring(0, 2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the place-of-service list is missing from the hub's jar", e);
        }
        return Set.copyOf(codes);
    }
}
