package io.claimshub.x12;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Writes whole segments through StAEDI and counts them for SE01. An element is a String (simple) or a
 * String[] (composite); every value passes through {@link X12Text#clean}. Trailing empty elements and
 * components are left to StAEDI's TRUNCATE_EMPTY_ELEMENTS.
 */
final class SegmentWriter {

    private final EDIStreamWriter writer;
    private final X12Text text;
    private int segmentsInSet;

    SegmentWriter(EDIStreamWriter writer, X12Text text) {
        this.writer = writer;
        this.text = text;
    }

    void segment(String tag, Object... elements) throws EDIStreamException {
        writer.writeStartSegment(tag);
        for (Object element : elements) {
            if (element instanceof String[] components) {
                writer.writeStartElement();
                for (String component : components) {
                    writer.writeComponent(text.clean(component));
                }
                writer.endElement();
            } else {
                writer.writeElement(text.clean((String) element));
            }
        }
        writer.writeEndSegment();
        segmentsInSet++;
    }

    /** Envelope values (ISA padding, control numbers) are written exactly as given. */
    void rawSegment(String tag, String... elements) throws EDIStreamException {
        writer.writeStartSegment(tag);
        for (String element : elements) {
            writer.writeElement(element);
        }
        writer.writeEndSegment();
    }

    void startSet() {
        segmentsInSet = 0;
    }

    /** Segments written since {@link #startSet()}, ST included. */
    int segmentsInSet() {
        return segmentsInSet;
    }

    String clean(String value) {
        return text.clean(value);
    }
}
