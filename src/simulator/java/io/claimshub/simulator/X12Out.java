package io.claimshub.simulator;

import io.claimshub.simulator.Received837.Envelope;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One reply interchange written with StAEDI's stream writer, validated against the X12 00501 control
 * schema: the envelope is the received 837's with sender and receiver swapped and the same delimiters.
 * Counts segments for SE01 and sets for GE01. One instance per reply file.
 */
final class X12Out {

    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final java.util.logging.Logger STAEDI_SCHEMA_LOG = quiet();
    private static final Schema CONTROL_SCHEMA = controlSchema();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EDIStreamWriter writer;
    private final Envelope received;
    private final long controlNumber;
    private final LocalDateTime created;
    private int segmentsInSet;
    private int setsInGroup;
    private String setControl;
    private String groupControl;

    X12Out(Envelope received, long controlNumber, LocalDateTime created) {
        this.received = received;
        this.controlNumber = controlNumber;
        this.created = created;
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, received.segment());
        factory.setProperty(Delimiters.DATA_ELEMENT, received.element());
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, received.component());
        factory.setProperty(Delimiters.REPETITION, received.repetition());
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        try {
            writer = factory.createEDIStreamWriter(bytes, "US-ASCII");
            writer.setControlSchema(CONTROL_SCHEMA);
            writer.startInterchange();
            segment("ISA", "00", " ".repeat(10), "00", " ".repeat(10),
                    received.receiverQualifier(), pad(received.receiverId()),
                    received.senderQualifier(), pad(received.senderId()),
                    created.format(YYMMDD), created.format(HHMM), String.valueOf(received.repetition()), "00501",
                    String.format("%09d", controlNumber), "0", received.usage().isEmpty() ? "P" : received.usage(),
                    String.valueOf(received.component()));
        } catch (EDIStreamException e) {
            throw failure(e);
        }
    }

    LocalDateTime created() {
        return created;
    }

    String date() {
        return created.format(CCYYMMDD);
    }

    String time() {
        return created.format(HHMM);
    }

    long controlNumber() {
        return controlNumber;
    }

    /** GS with this reply's functional id (FA, HN, HP) and version; GS06 is the interchange control number. */
    void startGroup(String functionalId, String version) {
        groupControl = String.valueOf(controlNumber);
        setsInGroup = 0;
        segment("GS", functionalId, received.receiverId(), received.senderId(), date(), time(), groupControl, "X",
                version);
    }

    void startSet(String identifier, String version) {
        setsInGroup++;
        segmentsInSet = 0;
        setControl = String.format("%04d", setsInGroup);
        segment("ST", identifier, setControl, version);
    }

    void endSet() {
        segment("SE", String.valueOf(segmentsInSet + 1), setControl);
    }

    void endGroup() {
        segment("GE", String.valueOf(setsInGroup), groupControl);
    }

    /** IEA (with the group count) and the finished file. */
    byte[] finish(int groups) {
        try {
            segment("IEA", String.valueOf(groups), String.format("%09d", controlNumber));
            writer.endInterchange();
            writer.flush();
            writer.close();
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        return bytes.toByteArray();
    }

    /** A segment of simple (String) and composite (String[]) elements, written as given. */
    void segment(String tag, Object... elements) {
        try {
            writer.writeStartSegment(tag);
            for (Object element : elements) {
                if (element instanceof String[] components) {
                    writer.writeStartElement();
                    for (String component : components) {
                        writer.writeComponent(component == null ? "" : component);
                    }
                    writer.endElement();
                } else {
                    writer.writeElement(element == null ? "" : (String) element);
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        segmentsInSet++;
    }

    private IllegalStateException failure(EDIStreamException e) {
        return new IllegalStateException("cannot write the reply to ISA13 " + received.controlNumber() + ": "
                + e.getMessage(), e);
    }

    private static String pad(String id) {
        return id.length() >= 15 ? id.substring(0, 15) : id + " ".repeat(15 - id.length());
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.xlate.edi.internal.schema");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static Schema controlSchema() {
        try {
            return SchemaFactory.newFactory().getControlSchema("X12", new String[]{"00501"});
        } catch (EDISchemaException e) {
            throw new IllegalStateException("StAEDI has no X12 00501 control schema", e);
        }
    }
}
