package io.claimshub.hl7;

/**
 * The fields of one segment by position, as the mapper reads them: either a segment HAPI parsed
 * ({@link HapiSegment}) or one the lean reader split ({@link Er7Segment}). Both answer alike: the value
 * at a position with HL7 escapes decoded, null where nothing was sent.
 */
interface SegmentFields {

    /** The segment's name, e.g. "FT1". */
    String name();

    /** How many repetitions the field holds; 0 when it is empty. */
    int repetitions(int field);

    /**
     * The value at one position (repetition 0-based; field, component and subcomponent 1-based, the spec's
     * numbers), escapes decoded, untrimmed; null or empty when nothing is there.
     */
    String value(int field, int repetition, int component, int subcomponent);

    /** True when no field holds a value: such a segment is skipped, as if it had not been sent. */
    boolean isEmpty();
}
