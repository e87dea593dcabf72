package io.claimshub.codesets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one CMS/CDC ICD-10-CM "order" file ({@code icd10cm_order_2026.txt}): fixed width, one code a
 * line — order number (columns 1–5), code without the dot (7–13), 1 when the code is billable or 0
 * when it is a heading (15), short description (17–76), long description (78 on). Only the code and
 * the flag are kept. Any line that does not fit the layout fails the whole file.
 */
final class Icd10CmOrderFile {

    /** The fiscal year is the 4-digit year in the file name, as CMS names the files. */
    private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<!\\d)(20\\d{2})(?!\\d)");

    private Icd10CmOrderFile() {
    }

    /** The fiscal year a file holds, from its name; -1 when the name has no year. */
    static int fiscalYear(Path file) {
        Matcher year = YEAR_IN_NAME.matcher(file.getFileName().toString());
        return year.find() ? Integer.parseInt(year.group(1)) : -1;
    }

    /**
     * Code (no dot) → billable. Read as bytes, one string per code and none per line: the official file has
     * some 75,000 lines and is read at every start and every change.
     */
    static Map<String, Boolean> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, Boolean> codes = new HashMap<>(131_072);
        int number = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && bytes[end - 1] == '\r') {
                end--;
            }
            number++;
            if (!blank(bytes, start, end)) {
                codes.put(code(file, number, bytes, start, end), bytes[start + 14] == '1');
            }
            start = next;
        }
        if (codes.isEmpty()) {
            throw new CodeSetException(file, 0, "the file holds no codes");
        }
        return codes;
    }

    /** The code of one line (columns 7-13, trailing spaces dropped), after checking the line's layout. */
    private static String code(Path file, int number, byte[] line, int start, int end) {
        if (end - start < 15 || !digits(line, start, start + 5) || line[start + 5] != ' ' || line[start + 13] != ' '
                || line[start + 14] != '0' && line[start + 14] != '1') {
            throw new CodeSetException(file, number, "not an ICD-10-CM order file line: expected order number"
                    + " (columns 1-5), code (7-13) and billable flag 0 or 1 (column 15)");
        }
        int codeEnd = start + 13;
        while (codeEnd > start + 6 && line[codeEnd - 1] == ' ') {
            codeEnd--;
        }
        String code = new String(line, start + 6, codeEnd - start - 6, StandardCharsets.ISO_8859_1);
        if (!isCode(code)) {
            throw new CodeSetException(file, number, "'" + code + "' in columns 7-13 is not an ICD-10-CM code");
        }
        return code;
    }

    private static boolean blank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** As {@code [A-Z]\d[A-Z0-9]{1,5}}, without a regex: this runs once per line of a 75,000-line file. */
    private static boolean isCode(String code) {
        if (code.length() < 3 || code.charAt(0) < 'A' || code.charAt(0) > 'Z' || code.charAt(1) < '0' || code.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < code.length(); i++) {
            char c = code.charAt(i);
            if ((c < 'A' || c > 'Z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
