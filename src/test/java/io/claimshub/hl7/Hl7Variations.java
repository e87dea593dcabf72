package io.claimshub.hl7;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Varies the well-formed messages of {@link Hl7MessageFactory} the way real feeds differ: escapes,
 * repetitions, subcomponents, HL7 nulls, padding, extra components, unreadable numbers and dates, other
 * transaction types and coding systems, Z-segments, empty segments; and in shape: segments out of the
 * standard order, repeated or missing, other versions, message types and delimiters, line feeds,
 * leading blanks. Some of these the lean reader takes, others it leaves to HAPI.
 */
public final class Hl7Variations {

    private static final String[] ESCAPED = {"O\\F\\BRIEN", "SMITH\\S\\JONES", "A\\T\\B", "X\\R\\Y", "BACK\\E\\SLASH",
            "\\X41\\BC", "\\H\\BOLD\\N\\", "LINE\\.br\\TWO", "\\E\\", "TRAIL\\"};
    private static final String[] VERSIONS = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8",
            "2.8.1", "2.2", "2.9", "", "2.5.1^HL7", "2.5.1 ", "2.5.1~2.4"};
    private static final String[] MESSAGE_TYPES = {"DFT^P03^DFT_P03", "DFT^P11", "ADT^A04", "DFT^P03^ADT_A01",
            "DFT", "^P03", "DFT^P03^", "dft^p03"};
    private static final String[] EXTRA_SEGMENTS = {"ZXT|1|LOCAL^VALUE", "ZZZ|", "NTE|1||A NOTE", "OBX|1|ST|X||VALUE",
            "PR1|1||99213^^C4", "ROL|1|AD|PP|1234567893^WELBY", "GT1|1||DOE^JANE", "IN2|1|123456789",
            "IN3|1|CERT", "DG1|", "FT1|", "PD1|", "PV2|", "ACC|20260101", "DRG|123", "EVN|P03", "PID|1", "MSH|^~\\&|X"};
    private static final String[] FIELD_VALUES = {"\"\"", " ", "  99213  ", "CG^X", "2&1", "12.x", "2026",
            "20261301", "CD", "PY", "XX", "cg", "SPO", "WRD", "", "J20.9^^I9", "J20.9^^SCT", "11^101^A", "11^^",
            "00002-1433-80", "1000&Hospital Lane&Apt 4^^SPRINGFIELD^IL^62701", "~J20.9", "25~59~", "1~2",
            "DOE^JANE~ALIAS^X", "1^^^A&B&C", "\\F\\", "-45.00", "0", "3", "99213^^C4~99214"};

    private final Random random;

    public Hl7Variations(Random random) {
        this.random = random;
    }

    /** The message with one to four variations. */
    public String vary(String message) {
        List<String> segments = new ArrayList<>(Arrays.asList(message.split("\r")));
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            vary(segments);
        }
        String separator = random.nextInt(20) == 0 ? (random.nextBoolean() ? "\n" : "\r\n") : "\r";
        return String.join(separator, segments) + separator;
    }

    private void vary(List<String> segments) {
        int segment = 1 + random.nextInt(segments.size() - 1);
        switch (random.nextInt(16)) {
            case 0, 1, 2, 3 -> segments.set(segment, withField(segments.get(segment), 1 + random.nextInt(40),
                    pick(FIELD_VALUES)));
            case 4, 5 -> segments.set(segment, segments.get(segment).replace("DOE", pick(ESCAPED))
                    .replace("SPRINGFIELD", pick(ESCAPED)).replace("ACME HEALTH", pick(ESCAPED)));
            case 6 -> segments.add(1 + random.nextInt(segments.size()), pick(EXTRA_SEGMENTS));
            case 7 -> segments.add(1 + random.nextInt(segments.size()), "Z" + (char) ('A' + random.nextInt(26)) + "1|"
                    + random.nextInt(100) + "|" + pick(FIELD_VALUES));
            case 8 -> segments.remove(segment);
            case 9 -> segments.add(segment, segments.get(1 + random.nextInt(segments.size() - 1)));
            case 10 -> {
                int other = 1 + random.nextInt(segments.size() - 1);
                String moved = segments.get(segment);
                segments.set(segment, segments.get(other));
                segments.set(other, moved);
            }
            case 11 -> segments.set(0, withField(segments.get(0), 12, pick(VERSIONS)));
            case 12 -> segments.set(0, withField(segments.get(0), 9, pick(MESSAGE_TYPES)));
            case 13 -> segments.set(segment, (random.nextBoolean() ? " " : "") + segments.get(segment)
                    + (random.nextBoolean() ? "|||" : "^"));
            case 14 -> {
                // Other delimiters, used consistently: legal HL7 that the lean reader leaves to HAPI.
                for (int i = 0; i < segments.size(); i++) {
                    segments.set(i, segments.get(i).replace('|', '#').replace("^~\\&", "^~\\&"));
                }
            }
            default -> segments.set(0, segments.get(0).replace("|^~\\&|", random.nextBoolean() ? "|^~\\&#|" : "|^~\\|"));
        }
    }

    /** The segment with field {@code n} (MSH: MSH-n) replaced, padded with empty fields when needed. */
    private static String withField(String segment, int n, String value) {
        List<String> fields = new ArrayList<>(Arrays.asList(segment.split("\\|", -1)));
        int index = segment.startsWith("MSH") ? n - 1 : n;
        while (fields.size() <= index) {
            fields.add("");
        }
        fields.set(index, value);
        return String.join("|", fields);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
