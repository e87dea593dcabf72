package io.claimshub.hl7;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast read path: takes a DFT^P03 apart without building HAPI's model, for the messages whose shape
 * it fully understands, and declines (returns null) every other one, which HAPI then parses.
 *
 * <p>It takes a message only when HAPI's parse is known to put every segment the mapper reads in message
 * order and to accept the message: the standard delimiters {@code |^~\&}; MSH-9 exactly {@code DFT^P03}
 * (or {@code DFT^P03^DFT_P03}); MSH-12 exactly a supported version; only the segments below, in the
 * standard DFT_P03 order (each of EVN, PID, PD1, PV1, PV2, DRG and ACC at most once; FT1, DG1, GT1 and IN1
 * groups repeating), with Z-segments anywhere after MSH; every segment a 3-character name and a
 * {@code |}. Anything else (a DG1 before an FT1, a second PID, an ORC, a leading blank, a version with a
 * component) goes to HAPI, so an odd message is judged exactly as before.
 *
 * <p>Values are split with HAPI's own splitter and decoded with HAPI's escaping ({@link Er7Segment}).
 * The differential test (Hl7ReadPathsTest) holds both paths to the same claims and rejections.
 */
final class LeanDftReader {

    private static final String STANDARD_MSH = "MSH|^~\\&|";
    private static final Set<String> MESSAGE_TYPES = Set.of("DFT^P03", "DFT^P03^DFT_P03");
    /** Position in DFT_P03's structure; IN1, IN2 and IN3 are handled as a group below. */
    private static final Map<String, Integer> ORDER = Map.ofEntries(
            Map.entry("EVN", 1), Map.entry("PID", 2), Map.entry("PD1", 3), Map.entry("PV1", 4),
            Map.entry("PV2", 5), Map.entry("FT1", 6), Map.entry("DG1", 7), Map.entry("DRG", 8),
            Map.entry("GT1", 9), Map.entry("IN1", 10), Map.entry("IN2", 11), Map.entry("IN3", 12),
            Map.entry("ACC", 13));
    private static final Set<String> REPEATING = Set.of("FT1", "DG1", "GT1", "IN3");
    private static final int MSH_VERSION = 12;

    private final Escaping escaping;
    private final List<String> versions;
    /** As HAPI's PipeParser builds them from MSH: the field separator and the five characters after it. */
    private final EncodingCharacters characters = new EncodingCharacters('|', "^~\\&|");

    LeanDftReader(Escaping escaping, List<String> versions) {
        this.escaping = escaping;
        this.versions = versions;
    }

    /**
     * @param text a normalised message (segments end with {@code \r}, nothing around it)
     * @return the message, or null when HAPI has to read it
     */
    DftMessage read(String text) {
        if (!text.startsWith(STANDARD_MSH)) {
            return null;
        }
        List<String> lines = segments(text);
        if (lines == null) {
            return null;
        }
        String messageType = raw(lines.get(0), 9);
        String version = raw(lines.get(0), MSH_VERSION);
        if (messageType == null || version == null || !MESSAGE_TYPES.contains(messageType) || !versions.contains(version)) {
            return null;
        }
        List<SegmentFields> segments = new ArrayList<>(lines.size() - 1);
        int rank = 0;
        String previous = "MSH";
        for (String line : lines.subList(1, lines.size())) {
            String name = line.substring(0, 3);
            if (name.charAt(0) != 'Z') {
                Integer position = ORDER.get(name);
                if (position == null || !follows(name, position, previous, rank)) {
                    return null;
                }
                rank = position;
                previous = name;
            }
            segments.add(Er7Segment.of(line, escaping, characters));
        }
        return new DftMessage(Hl7Parser.header(Er7Segment.header(lines.get(0), escaping, characters)), new MessageSegments(segments), true);
    }

    /** Whether HAPI puts {@code name} after {@code previous} in its structure, in message order. */
    private static boolean follows(String name, int position, String previous, int rank) {
        return switch (name) {
            case "IN1" -> rank <= ORDER.get("IN3");
            case "IN2" -> previous.equals("IN1");
            case "IN3" -> previous.equals("IN1") || previous.equals("IN2") || previous.equals("IN3");
            default -> REPEATING.contains(name) ? position >= rank : position > rank;
        };
    }

    /**
     * The segments, or null when one of them is not plainly "NAM|…": HAPI skips or strips some of those
     * (leading blanks, names shorter or longer than three characters), which this reader does not copy.
     */
    private static List<String> segments(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                if (end - start < 4 || text.charAt(start + 3) != '|' || Character.isWhitespace(text.charAt(start))) {
                    return null;
                }
                lines.add(text.substring(start, end));
            }
            start = end + 1;
        }
        return lines;
    }

    /** MSH-n as written, between its field separators; null when MSH is shorter. */
    private static String raw(String msh, int field) {
        int start = 3;
        for (int n = 2; n < field; n++) {
            start = msh.indexOf('|', start + 1);
            if (start < 0) {
                return null;
            }
        }
        int end = msh.indexOf('|', start + 1);
        return msh.substring(start + 1, end < 0 ? msh.length() : end);
    }
}
