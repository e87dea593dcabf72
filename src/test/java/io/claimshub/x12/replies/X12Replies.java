package io.claimshub.x12.replies;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes reply files for tests with StAEDI, the way a payer would: any delimiters, any number of
 * interchanges, TA1s, groups and sets; SE01, GE01 and IEA01 are counted. A segment is
 * {@code seg("STC", comp("A7", "562", "85"), "20261101")}: a String is a simple element, a String[] a
 * composite.
 */
public final class X12Replies {

    private final char element;
    private final char component;
    private final char segment;
    private final List<Interchange> interchanges = new ArrayList<>();

    private X12Replies(char element, char component, char segment) {
        this.element = element;
        this.component = component;
        this.segment = segment;
    }

    public static X12Replies file() {
        return new X12Replies('*', ':', '~');
    }

    public static X12Replies file(char element, char component, char segment) {
        return new X12Replies(element, component, segment);
    }

    public static Object[] seg(String tag, Object... elements) {
        Object[] segment = new Object[elements.length + 1];
        segment[0] = tag;
        System.arraycopy(elements, 0, segment, 1, elements.length);
        return segment;
    }

    public static String[] comp(String... components) {
        return components;
    }

    private record Set(String type, String controlNumber, String version, List<Object[]> segments) {
    }

    private record Group(String functionalId, String controlNumber, String version, List<Set> sets) {
    }

    private record Interchange(String controlNumber, List<Object[]> ta1s, List<Group> groups) {
    }

    /** Starts an interchange with this ISA13 (nine digits). */
    public X12Replies interchange(String isa13) {
        interchanges.add(new Interchange(isa13, new ArrayList<>(), new ArrayList<>()));
        return this;
    }

    /** TA1 answering the interchange {@code icn}: ack code A / E / R and note code. */
    public X12Replies ta1(String icn, String ackCode, String noteCode) {
        current().ta1s().add(seg("TA1", icn, "261101", "1200", ackCode, noteCode));
        return this;
    }

    public X12Replies group(String functionalId, String gs06, String version) {
        current().groups().add(new Group(functionalId, gs06, version, new ArrayList<>()));
        return this;
    }

    public X12Replies set(String type, String st02, String version, Object[]... segments) {
        List<Group> groups = current().groups();
        groups.get(groups.size() - 1).sets().add(new Set(type, st02, version, List.of(segments)));
        return this;
    }

    private Interchange current() {
        return interchanges.get(interchanges.size() - 1);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, segment);
        factory.setProperty(Delimiters.DATA_ELEMENT, element);
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, component);
        factory.setProperty(Delimiters.REPETITION, '^');
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        try {
            for (Interchange interchange : interchanges) {
                EDIStreamWriter writer = factory.createEDIStreamWriter(out, "US-ASCII");
                writer.startInterchange();
                write(writer, seg("ISA", "00", "          ", "00", "          ", "ZZ", "PAYER          ", "ZZ",
                        "SUNRISEHUB     ", "261101", "1200", "^", "00501", interchange.controlNumber(), "0", "T",
                        String.valueOf(component)));
                for (Object[] ta1 : interchange.ta1s()) {
                    write(writer, ta1);
                }
                for (Group group : interchange.groups()) {
                    write(writer, seg("GS", group.functionalId(), "PAYER", "SUNRISEHUB", "20261101", "1200",
                            group.controlNumber(), "X", group.version()));
                    for (Set set : group.sets()) {
                        write(writer, seg("ST", set.type(), set.controlNumber(), set.version()));
                        for (Object[] s : set.segments()) {
                            write(writer, s);
                        }
                        write(writer, seg("SE", String.valueOf(set.segments().size() + 2), set.controlNumber()));
                    }
                    write(writer, seg("GE", String.valueOf(group.sets().size()), group.controlNumber()));
                }
                write(writer, seg("IEA", String.valueOf(interchange.groups().size()), interchange.controlNumber()));
                writer.endInterchange();
                writer.flush();
            }
        } catch (EDIStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void write(EDIStreamWriter writer, Object[] segment) throws EDIStreamException {
        writer.writeStartSegment((String) segment[0]);
        for (int i = 1; i < segment.length; i++) {
            if (segment[i] instanceof String[] components) {
                writer.writeStartElement();
                for (String c : components) {
                    writer.writeComponent(c);
                }
                writer.endElement();
            } else {
                writer.writeElement((String) segment[i]);
            }
        }
        writer.writeEndSegment();
    }
}
