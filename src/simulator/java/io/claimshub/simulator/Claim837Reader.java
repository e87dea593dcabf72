package io.claimshub.simulator;

import io.claimshub.simulator.Received837.ElementError;
import io.claimshub.simulator.Received837.Envelope;
import io.claimshub.simulator.Received837.SegmentError;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an 837P with StAEDI's stream reader (which checks the ISA/GS/ST control structure against its
 * X12 control schema) into {@link Received837}. Each finished segment goes to a {@link Received837Builder},
 * which applies the 837P checks StAEDI has no schema for; StAEDI's errors are added where they occur.
 */
public final class Claim837Reader {

    private final EDIInputFactory factory = EDIInputFactory.newFactory();

    /** @throws Unreadable837Exception when no ISA can be read (nothing to acknowledge) */
    public Received837 read(byte[] file) throws Unreadable837Exception {
        Received837Builder builder = new Received837Builder();
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(file))) {
            List<List<String>> elements = null;
            String tag = null;
            List<String> composite = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                        builder.startSegment();
                    }
                    case START_COMPOSITE -> composite = slot(elements, reader.getLocation());
                    case END_COMPOSITE -> composite = null;
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            composite.add(reader.getText());
                        } else if (elements != null) {
                            List<String> slot = slot(elements, reader.getLocation());
                            if (slot != null) {
                                slot.add(reader.getText());
                            }
                        }
                    }
                    case END_SEGMENT -> {
                        if ("ISA".equals(tag)) {
                            builder.envelope(envelope(elements, reader.getDelimiters()));
                        }
                        builder.endSegment(tag, elements);
                    }
                    case SEGMENT_ERROR -> builder.segmentError(reader.getLocation().getSegmentTag(),
                            X12ErrorCodes.segmentCode(reader.getErrorType()));
                    case ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> elementError(builder, reader);
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            if (!builder.hasEnvelope()) {
                throw new Unreadable837Exception("not an X12 interchange (no readable ISA): " + e.getMessage(), e);
            }
            builder.unreadableContent();
        } catch (IOException e) {
            throw new Unreadable837Exception("cannot read the file: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static void elementError(Received837Builder builder, EDIStreamReader reader) {
        Location at = reader.getLocation();
        EDIStreamValidationError error = reader.getErrorType();
        String tag = at.getSegmentTag();
        if ("ISA".equals(tag) || "IEA".equals(tag)) {
            builder.interchangeError(X12ErrorCodes.interchangeCode(tag, at.getElementPosition(), error));
            return;
        }
        String text = reader.getText();
        boolean safeToCopy = error != EDIStreamValidationError.REQUIRED_DATA_ELEMENT_MISSING
                && text != null && text.length() <= 30;
        builder.elementError(tag, new ElementError(at.getElementPosition(), Math.max(at.getComponentPosition(), 0),
                reader.getReferenceCode(), X12ErrorCodes.elementCode(error), safeToCopy ? text : null), error);
    }

    /** The list for this element position (first occurrence only), creating empty ones before it. */
    private static List<String> slot(List<List<String>> elements, Location at) {
        if (elements == null || at.getElementOccurrence() > 1) {
            return null;
        }
        int position = at.getElementPosition();
        while (elements.size() < position) {
            elements.add(new ArrayList<>());
        }
        return elements.get(position - 1);
    }

    static Envelope envelope(List<List<String>> isa, Map<String, Character> delimiters) {
        return new Envelope(value(isa, 5), value(isa, 6).trim(), value(isa, 7), value(isa, 8).trim(),
                value(isa, 9), value(isa, 10), value(isa, 13), value(isa, 15),
                delimiters.getOrDefault(Delimiters.DATA_ELEMENT, '*'),
                delimiters.getOrDefault(Delimiters.COMPONENT_ELEMENT, ':'),
                delimiters.getOrDefault(Delimiters.REPETITION, '^'),
                delimiters.getOrDefault(Delimiters.SEGMENT, '~'));
    }

    static String value(List<List<String>> elements, int position) {
        return component(elements, position, 1);
    }

    static String component(List<List<String>> elements, int position, int component) {
        if (elements == null || position > elements.size() || component > elements.get(position - 1).size()) {
            return "";
        }
        return elements.get(position - 1).get(component - 1);
    }
}
