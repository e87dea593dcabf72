package io.claimshub.hl7;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import ca.uhn.hl7v2.parser.PipeParser;

/**
 * One segment of a message the {@link LeanDftReader} takes, kept as text and split on demand with HAPI's
 * own {@link PipeParser#split} and decoded with HAPI's {@link Escaping}, exactly as HAPI's parser does when it
 * fills its model: the same positions hold the same values. Only the standard delimiters {@code |^~\&}
 * occur here (the reader hands anything else to HAPI).
 */
final class Er7Segment implements SegmentFields {

    private static final String FIELD = "|";
    private static final String REPETITION = "~";
    private static final String COMPONENT = "^";
    private static final String SUBCOMPONENT = "&";

    private final String name;
    /** As HAPI splits a segment: [0] is the name, null where a field is empty. */
    private final String[] fields;
    /** MSH-1 is the field separator itself, so MSH-n is the (n-1)th piece; every other segment's n-th. */
    private final int fieldOffset;
    private final Escaping escaping;
    private final EncodingCharacters characters;

    private Er7Segment(String text, int fieldOffset, Escaping escaping, EncodingCharacters characters) {
        this.name = text.substring(0, 3);
        this.fields = PipeParser.split(text, FIELD);
        this.fieldOffset = fieldOffset;
        this.escaping = escaping;
        this.characters = characters;
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

    @Override
    public int repetitions(int field) {
        String text = field(field);
        return text == null ? 0 : PipeParser.split(text, REPETITION).length;
    }

    @Override
    public String value(int field, int repetition, int component, int subcomponent) {
        String text = piece(piece(piece(field(field), REPETITION, repetition), COMPONENT, component - 1),
                SUBCOMPONENT, subcomponent - 1);
        return text == null ? null : escaping.unescape(text, characters);
    }

    /** Like HAPI's model: empty when no subcomponent holds a character once decoded. */
    @Override
    public boolean isEmpty() {
        for (int field = 1 + fieldOffset; field < fields.length + fieldOffset; field++) {
            String text = field(field);
            if (text == null) {
                continue;
            }
            for (String repetition : PipeParser.split(text, REPETITION)) {
                for (String component : PipeParser.split(repetition, COMPONENT)) {
                    for (String subcomponent : PipeParser.split(component, SUBCOMPONENT)) {
                        if (subcomponent != null && !escaping.unescape(subcomponent, characters).isEmpty()) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private String field(int field) {
        int index = field - fieldOffset;
        return index >= 1 && index < fields.length ? fields[index] : null;
    }

    /** The index-th (0-based) piece of HAPI's split, or null; the text itself when it holds no delimiter. */
    private static String piece(String text, String delimiter, int index) {
        if (text == null) {
            return null;
        }
        if (text.indexOf(delimiter.charAt(0)) < 0) {
            return index == 0 ? text : null;
        }
        String[] pieces = PipeParser.split(text, delimiter);
        return index < pieces.length ? pieces[index] : null;
    }
}
