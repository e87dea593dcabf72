package io.claimshub.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads an X12 file with StAEDI's reader (never by hand) into its segments, so tests can assert on
 * what a payer would see. Element and component positions are 1-based, as in the X12 guides.
 */
public final class X12TestReader {

    /** One segment: elements, each a list of components (a simple element has one). */
    public record Segment(String tag, List<List<String>> elements) {
        /** The first component of element {@code position}, "" when absent. */
        public String element(int position) {
            return component(position, 1);
        }

        public String component(int position, int component) {
            if (position > elements.size() || component > elements.get(position - 1).size()) {
                return "";
            }
            return elements.get(position - 1).get(component - 1);
        }

        public List<String> components(int position) {
            return position > elements.size() ? List.of() : elements.get(position - 1);
        }
    }

    private final List<Segment> segments;

    private X12TestReader(List<Segment> segments) {
        this.segments = segments;
    }

    public static X12TestReader read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X12TestReader read(byte[] bytes) {
        return read(new ByteArrayInputStream(bytes));
    }

    private static X12TestReader read(InputStream in) {
        List<Segment> segments = new ArrayList<>();
        try (EDIStreamReader reader = EDIInputFactory.newFactory().createEDIStreamReader(in)) {
            String tag = null;
            List<List<String>> elements = null;
            boolean inComposite = false;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                    }
                    case END_SEGMENT -> segments.add(new Segment(tag, elements));
                    case START_COMPOSITE -> {
                        inComposite = true;
                        elements.add(new ArrayList<>());
                    }
                    case END_COMPOSITE -> inComposite = false;
                    case ELEMENT_DATA -> {
                        if (inComposite) {
                            elements.get(elements.size() - 1).add(reader.getText());
                        } else {
                            elements.add(new ArrayList<>(List.of(reader.getText())));
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR ->
                            throw new AssertionError("X12 error " + reader.getErrorType() + " at " + reader.getLocation());
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException e) {
            throw new AssertionError("not readable X12: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new X12TestReader(segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<Segment> segments(String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).toList();
    }

    /** Element {@code position} of every segment with this tag, in file order. */
    public List<String> values(String tag, int position) {
        return segments(tag).stream().map(s -> s.element(position)).toList();
    }
}
