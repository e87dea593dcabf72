package io.claimshub.hl7;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import ca.uhn.hl7v2.parser.PipeParser;

/**
 * One segment of a message the {@link LeanDftReader} takes, kept as text and read by position. The
 * delimiters are HAPI's {@link EncodingCharacters} and values are decoded with HAPI's {@link Escaping},
 * as HAPI's parser does when it fills its model, so the same positions hold the same values.
 *
 * <p>A position is found without splitting the whole segment: the n-th piece between delimiters is what
 * HAPI's {@link PipeParser#split} puts at index n (an empty piece is null there, and a missing one is
 * past the end; both read as null here). Er7SegmentTest holds the two to the same answers.
 */
final class Er7Segment implements SegmentFields {

    /** A range of the text ({@code start << 32 | end}) with no characters: an empty or absent piece, null to the caller. */
    private static final long ABSENT = -1;

    private final String text;
    private final String name;
    /** Where each field separator is: field n (HAPI's split index) lies after separator n-1. */
    private final int[] separators;
    /** MSH-1 is the field separator itself, so MSH-n is the (n-1)th piece; every other segment's n-th. */
    private final int fieldOffset;
    private final Escaping escaping;
    private final EncodingCharacters characters;

    private Er7Segment(String text, int fieldOffset, Escaping escaping, EncodingCharacters characters) {
        this.text = text;
        this.name = text.substring(0, 3);
        this.fieldOffset = fieldOffset;
        this.escaping = escaping;
        this.characters = characters;
        char separator = characters.getFieldSeparator();
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += text.charAt(i) == separator ? 1 : 0;
        }
        separators = new int[count];
        for (int i = 0, n = 0; i < text.length(); i++) {
            if (text.charAt(i) == separator) {
                separators[n++] = i;
            }
        }
    }

    static Er7Segment of(String text, Escaping escaping, EncodingCharacters characters) {
        return new Er7Segment(text, 0, escaping, characters);
    }

    /** The MSH; MSH-2 (the encoding characters) is not read through it. */
    static Er7Segment header(String text, Escaping escaping, EncodingCharacters characters) {
        return new Er7Segment(text, 1, escaping, characters);
    }

    @Override
    public String name() {
        return name;
    }

    /** As many as HAPI's split makes: one per separator and one more, less a trailing empty one. */
    @Override
    public int repetitions(int field) {
        String value = field(field);
        if (value == null) {
            return 0;
        }
        char separator = characters.getRepetitionSeparator();
        int count = 1;
        for (int i = 0; i < value.length(); i++) {
            count += value.charAt(i) == separator ? 1 : 0;
        }
        return value.charAt(value.length() - 1) == separator ? count - 1 : count;
    }

    /**
     * Narrowed by position within the segment's text and cut out once: the mapper reads dozens of values
     * per message, and a copy of the field and of the repetition and component for each was most of the
     * reader's allocation.
     */
    @Override
    public String value(int field, int repetition, int component, int subcomponent) {
        long range = piece(piece(piece(fieldRange(field), characters.getRepetitionSeparator(), repetition),
                characters.getComponentSeparator(), component - 1), characters.getSubcomponentSeparator(), subcomponent - 1);
        return range == ABSENT ? null : escaping.unescape(text.substring(start(range), end(range)), characters);
    }

    /**
     * Like HAPI's model: empty when no subcomponent holds a character once decoded. The subcomponents are
     * the pieces between any of the repetition, component and subcomponent separators.
     */
    @Override
    public boolean isEmpty() {
        for (int field = 1 + fieldOffset; field <= separators.length + fieldOffset; field++) {
            String value = field(field);
            if (value == null) {
                continue;
            }
            int start = 0;
            for (int i = 0; i <= value.length(); i++) {
                if (i == value.length() || isSeparatorWithinField(value.charAt(i))) {
                    if (i > start && !escaping.unescape(value.substring(start, i), characters).isEmpty()) {
                        return false;
                    }
                    start = i + 1;
                }
            }
        }
        return true;
    }

    private boolean isSeparatorWithinField(char c) {
        return c == characters.getRepetitionSeparator() || c == characters.getComponentSeparator()
                || c == characters.getSubcomponentSeparator();
    }

    /** HAPI's split index {@code field + offset}: between two field separators; null when empty or absent. */
    private String field(int field) {
        long range = fieldRange(field);
        return range == ABSENT ? null : text.substring(start(range), end(range));
    }

    /** Where {@link #field} lies in the text, as {@code start << 32 | end}; {@link #ABSENT} when empty or absent. */
    private long fieldRange(int field) {
        int index = field - fieldOffset;
        if (index < 1 || index > separators.length) {
            return ABSENT;
        }
        int start = separators[index - 1] + 1;
        int end = index < separators.length ? separators[index] : text.length();
        return range(start, end);
    }

    /**
     * The index-th (0-based) piece between separators of the text within {@code range}, as a range of the
     * text; {@link #ABSENT} when it is empty or absent.
     */
    private long piece(long range, char separator, int index) {
        if (range == ABSENT || index < 0) {
            return ABSENT;
        }
        int start = start(range);
        int end = end(range);
        for (int n = 0; n < index; n++) {
            start = indexOf(separator, start, end) + 1;
            if (start == 0) {
                return ABSENT;
            }
        }
        int next = indexOf(separator, start, end);
        return range(start, next < 0 ? end : next);
    }

    private int indexOf(char separator, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == separator) {
                return i;
            }
        }
        return -1;
    }

    private static long range(int start, int end) {
        return end > start ? (long) start << 32 | end : ABSENT;
    }

    private static int start(long range) {
        return (int) (range >>> 32);
    }

    private static int end(long range) {
        return (int) range;
    }
}
