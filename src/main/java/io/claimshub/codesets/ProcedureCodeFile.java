package io.claimshub.codesets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads procedure code files: the CMS HCPCS Level II file and a clinic's licensed CPT list.
 *
 * <p>HCPCS: CMS's fixed-width record file ({@code HCPC2026_JAN_ANWEB.txt}): code in columns 1–5,
 * sequence number 6–10, record identification in column 11 (3 a procedure, 4 its continuation line,
 * 7 a modifier, 8 its continuation). Procedures are kept; modifier records are skipped.
 *
 * <p>CPT: the hub ships no CPT content (the AMA licenses it). A clinic with a licence puts its list
 * there: one code at the start of each line, a description after a tab or space if any.
 */
final class ProcedureCodeFile {

    private static final Pattern HCPCS = Pattern.compile("[A-Z]\\d{4}");
    private static final Pattern CPT = Pattern.compile("\\d{4}[0-9FTU]");

    private ProcedureCodeFile() {
    }

    static Set<String> readHcpcs(Path file) throws IOException {
        Set<String> codes = new HashSet<>();
        forEachLine(file, (line, number) -> {
            if (line.length() < 11 || !digitsAt(line, 5, 10) || "3478".indexOf(line.charAt(10)) < 0) {
                throw new CodeSetException(file, number, "not a HCPCS record: expected code (columns 1-5),"
                        + " sequence number (6-10) and record id 3, 4, 7 or 8 (column 11)");
            }
            char recordId = line.charAt(10);
            String code = line.substring(0, 5).strip();
            if (recordId == '3' || recordId == '4') {
                if (!HCPCS.matcher(code).matches()) {
                    throw new CodeSetException(file, number, "'" + code + "' in columns 1-5 is not a HCPCS Level II code");
                }
                codes.add(code);
            }
        });
        return checkedNotEmpty(file, codes);
    }

    static Set<String> readCpt(Path file) throws IOException {
        Set<String> codes = new HashSet<>();
        forEachLine(file, (line, number) -> {
            String code = line.strip().split("[\\s,;]", 2)[0];
            if (!CPT.matcher(code).matches()) {
                throw new CodeSetException(file, number, "'" + code + "' at the start of the line is not a CPT code"
                        + " (5 digits, or 4 digits and F, T or U)");
            }
            codes.add(code);
        });
        return checkedNotEmpty(file, codes);
    }

    private interface LineHandler {
        void line(String line, int number);
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    handler.line(line, number);
                }
            }
        }
    }

    private static Set<String> checkedNotEmpty(Path file, Set<String> codes) {
        if (codes.isEmpty()) {
            throw new CodeSetException(file, 0, "the file holds no codes");
        }
        return codes;
    }

    private static boolean digitsAt(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if ((c < '0' || c > '9') && c != ' ') {
                return false;
            }
        }
        return true;
    }
}
