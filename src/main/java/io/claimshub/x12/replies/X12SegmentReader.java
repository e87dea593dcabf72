package io.claimshub.x12.replies;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an X12 file into its envelopes with StAEDI, which detects the delimiters from the ISA segment.
 * Checks what a reply needs to be trusted: ISA first, GS inside ISA, ST inside GS, each closed by its
 * trailer, SE01 equal to the segments counted and SE02 to ST02. Everything else is left to the
 * transaction readers. StAEDI's checks of envelope element values (a GS time of "102497", a short
 * TA1-1, an IEA02 that differs from ISA13) are not fatal: payers send such files and their content is
 * still clear; a misplaced or unknown envelope segment is. Stateless and safe to share.
 */
public final class X12SegmentReader {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final EDIInputFactory factory = EDIInputFactory.newFactory();

    public List<X12Envelope.Interchange> read(byte[] content) throws X12ReplyException {
        int start = startOfData(content);
        if (start == content.length) {
            throw new X12ReplyException("not X12: the file is empty");
        }
        if (content.length - start < 3 || content[start] != 'I' || content[start + 1] != 'S' || content[start + 2] != 'A') {
            throw new X12ReplyException("not X12: the file does not start with an ISA segment");
        }
        List<ReplySegment> segments = new ArrayList<>();
        List<X12Envelope.Delimiters> delimiters = new ArrayList<>();
        try (EDIStreamReader reader = factory.createEDIStreamReader(
                new ByteArrayInputStream(content, start, content.length - start))) {
            String tag = null;
            List<List<String>> elements = null;
            int segmentNumber = 0;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> delimiters.add(null);
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                        segmentNumber++;
                        if (tag.equals("ISA")) {
                            delimiters.set(delimiters.size() - 1, delimiters(reader.getDelimiters()));
                        }
                    }
                    case END_SEGMENT -> segments.add(new ReplySegment(tag, elements, segmentNumber));
                    case ELEMENT_DATA -> add(elements, reader.getLocation(), reader.getText());
                    case SEGMENT_ERROR ->
                            throw new X12ReplyException("broken X12 at " + where(reader.getLocation()) + ": " + reader.getErrorType());
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException e) {
            throw new X12ReplyException("broken X12 at " + where(e.getLocation()) + ": " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new X12ReplyException("cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // StAEDI signals some malformed input with unchecked exceptions; still a broken file, not a bug here.
            throw new X12ReplyException("broken X12 after segment " + segments.size() + ": " + e, e);
        }
        return new EnvelopeBuilder(segments, delimiters).build();
    }

    private static void add(List<List<String>> elements, Location location, String text) {
        int position = location.getElementPosition();
        int component = location.getComponentPosition();
        while (elements.size() < position) {
            elements.add(new ArrayList<>());
        }
        if (position < 1) {
            return;
        }
        List<String> components = elements.get(position - 1);
        if (location.getElementOccurrence() > 1) {
            return; // repetitions are not used by the replies we read; the first occurrence is kept
        }
        int index = component < 1 ? 1 : component;
        while (components.size() < index - 1) {
            components.add("");
        }
        if (components.size() == index - 1) {
            components.add(text);
        }
    }

    private static X12Envelope.Delimiters delimiters(Map<String, Character> delimiters) {
        return new X12Envelope.Delimiters(
                delimiters.getOrDefault(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*'),
                delimiters.getOrDefault(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, ':'),
                delimiters.getOrDefault(EDIStreamConstants.Delimiters.REPETITION, '^'),
                delimiters.getOrDefault(EDIStreamConstants.Delimiters.SEGMENT, '~'));
    }

    private static int startOfData(byte[] content) {
        int start = 0;
        if (content.length >= 3 && content[0] == UTF8_BOM[0] && content[1] == UTF8_BOM[1] && content[2] == UTF8_BOM[2]) {
            start = 3;
        }
        while (start < content.length && Character.isWhitespace(content[start])) {
            start++;
        }
        return start;
    }

    static String where(Location location) {
        if (location == null) {
            return "an unknown place";
        }
        StringBuilder text = new StringBuilder("segment ").append(location.getSegmentPosition());
        if (location.getSegmentTag() != null) {
            text.append(" (").append(location.getSegmentTag()).append(')');
        }
        if (location.getElementPosition() > 0) {
            text.append(" element ").append(location.getElementPosition());
            if (location.getComponentPosition() > 0) {
                text.append('-').append(location.getComponentPosition());
            }
        }
        return text.append(", character ").append(location.getCharacterOffset()).toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Groups the flat segments into envelopes, checking each is properly opened and closed. */
    private static final class EnvelopeBuilder {
        private final List<ReplySegment> segments;
        private final List<X12Envelope.Delimiters> delimiters;

        EnvelopeBuilder(List<ReplySegment> segments, List<X12Envelope.Delimiters> delimiters) {
            this.segments = segments;
            this.delimiters = delimiters;
        }

        List<X12Envelope.Interchange> build() throws X12ReplyException {
            List<X12Envelope.Interchange> interchanges = new ArrayList<>();
            ReplySegment isa = null;
            List<ReplySegment> ta1s = null;
            List<X12Envelope.Group> groups = null;
            ReplySegment gs = null;
            List<X12Envelope.TransactionSet> sets = null;
            List<ReplySegment> set = null;
            for (ReplySegment segment : segments) {
                switch (segment.tag()) {
                    case "ISA" -> {
                        requireOutside(isa, segment, "IEA");
                        isa = segment;
                        ta1s = new ArrayList<>();
                        groups = new ArrayList<>();
                    }
                    case "TA1" -> {
                        requireInside(isa, segment, "ISA");
                        ta1s.add(segment);
                    }
                    case "GS" -> {
                        requireInside(isa, segment, "ISA");
                        requireOutside(gs, segment, "GE");
                        gs = segment;
                        sets = new ArrayList<>();
                    }
                    case "ST" -> {
                        requireInside(gs, segment, "GS");
                        if (set != null) {
                            throw new X12ReplyException("broken X12 at " + segment.where() + ": ST before the SE of the set begun at "
                                    + set.get(0).where());
                        }
                        set = new ArrayList<>();
                        set.add(segment);
                    }
                    case "SE" -> {
                        requireInside(set, segment, "ST");
                        set.add(segment);
                        checkCount(set, segment);
                        sets.add(new X12Envelope.TransactionSet(List.copyOf(set)));
                        set = null;
                    }
                    case "GE" -> {
                        requireInside(gs, segment, "GS");
                        if (set != null) {
                            throw new X12ReplyException("broken X12 at " + segment.where() + ": the set begun at "
                                    + set.get(0).where() + " has no SE");
                        }
                        groups.add(new X12Envelope.Group(gs, List.copyOf(sets)));
                        gs = null;
                    }
                    case "IEA" -> {
                        requireInside(isa, segment, "ISA");
                        if (gs != null) {
                            throw new X12ReplyException("broken X12 at " + segment.where() + ": the group begun at "
                                    + gs.where() + " has no GE");
                        }
                        interchanges.add(new X12Envelope.Interchange(isa, List.copyOf(ta1s), List.copyOf(groups),
                                delimiters.get(interchanges.size())));
                        isa = null;
                    }
                    default -> {
                        if (set == null) {
                            throw new X12ReplyException("broken X12 at " + segment.where() + ": segment outside a transaction set");
                        }
                        set.add(segment);
                    }
                }
            }
            if (isa != null) {
                String last = segments.isEmpty() ? "the start" : segments.get(segments.size() - 1).where();
                throw new X12ReplyException("broken X12: the file ends at " + last + " without closing the interchange begun at "
                        + isa.where() + " (missing " + (set != null ? "SE, GE and IEA" : gs != null ? "GE and IEA" : "IEA") + ")");
            }
            if (interchanges.isEmpty()) {
                throw new X12ReplyException("not X12: no interchange in the file");
            }
            return interchanges;
        }

        private static void requireInside(Object open, ReplySegment segment, String opener) throws X12ReplyException {
            if (open == null) {
                throw new X12ReplyException("broken X12 at " + segment.where() + ": " + segment.tag() + " without a preceding " + opener);
            }
        }

        private static void requireOutside(Object open, ReplySegment segment, String closer) throws X12ReplyException {
            if (open != null) {
                throw new X12ReplyException("broken X12 at " + segment.where() + ": " + segment.tag() + " before the " + closer
                        + " that closes what came before");
            }
        }

        private static void checkCount(List<ReplySegment> set, ReplySegment se) throws X12ReplyException {
            String count = se.element(1);
            if (!count.equals(String.valueOf(set.size()))) {
                throw new X12ReplyException("broken X12 at " + se.where() + ": SE01 says " + count + " segments but the set begun at "
                        + set.get(0).where() + " has " + set.size() + " (truncated or altered)");
            }
            if (!se.element(2).equals(set.get(0).element(2))) {
                throw new X12ReplyException("broken X12 at " + se.where() + ": SE02 " + se.element(2) + " does not match ST02 "
                        + set.get(0).element(2));
            }
        }
    }
}
