package io.claimshub.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/** A segment of a message HAPI parsed, read by {@link Terser} path. */
record HapiSegment(Segment segment) implements SegmentFields {

    @Override
    public String name() {
        return segment.getName();
    }

    @Override
    public int repetitions(int field) {
        try {
            return segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    @Override
    public String value(int field, int repetition, int component, int subcomponent) {
        try {
            return Terser.get(segment, field, repetition, component, subcomponent);
        } catch (HL7Exception e) {
            // The field does not exist in this segment's definition: for the mapper that is an empty field.
            return null;
        }
    }

    @Override
    public boolean isEmpty() {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI cannot tell whether " + segment.getName() + " is empty", e);
        }
    }
}
