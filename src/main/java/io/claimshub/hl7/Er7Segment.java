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

    @Override
    public String value(int field, int repetition, int component, int subcomponent) {
        String value = piece(piece(piece(field(field), characters.getRepetitionSeparator(), repetition),
                characters.getComponentSeparator(), component - 1), characters.getSubcomponentSeparator(), subcomponent - 1);
        return value == null ? null : escaping.unescape(value, characters);
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
        int index = field - fieldOffset;
        if (index < 1 || index > separators.length) {
            return null;
        }
        int start = separators[index - 1] + 1;
        int end = index < separators.length ? separators[index] : text.length();
        return end > start ? text.substring(start, end) : null;
    }

    /** The index-th (0-based) piece of the text between separators; null when it is empty or absent. */
    static String piece(String value, char separator, int index) {
        if (value == null || index < 0) {
            return null;
        }
        int start = 0;
        for (int n = 0; n < index; n++) {
            start = value.indexOf(separator, start) + 1;
            if (start == 0) {
                return null;
            }
        }
        int end = value.indexOf(separator, start);
        end = end < 0 ? value.length() : end;
        return end > start ? value.substring(start, end) : null;
    }
}
