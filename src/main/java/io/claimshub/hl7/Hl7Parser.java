package io.claimshub.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.EncodingDetector;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.util.List;

/**
 * Parses ER7 (pipe-encoded) HL7 v2 DFT^P03 messages with HAPI. Every supported version is parsed into
 * the v2.5.1 structures, so the mapper sees one model whatever the clinic sends.
 *
 * <p>One instance serves the whole hub and is safe for concurrent use. It holds one {@link HapiContext};
 * HAPI's {@link PipeParser} caches structure definitions in an unsynchronised map, so each thread gets
 * its own parser built from that context.
 *
 * <p>Versions: 2.3 to 2.8.1, i.e. every version from 2.3 that HAPI 2.6 recognises. The fields the mapper
 * reads keep their positions and meaning in all of them; 2.1 and 2.2 lack several of them.
 */
public final class Hl7Parser {

    private static final String DFT_P03 = "DFT^P03";
    private static final List<String> SUPPORTED_VERSIONS =
            List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1");

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final char SEGMENT_SEPARATOR = '\r';
    /** "MSH", the field separator and the four encoding characters of MSH-2. */
    private static final int MSH_WITH_ENCODING_CHARACTERS = 8;

    private final HapiContext context;
    private final ThreadLocal<PipeParser> parsers;
    private final LeanDftReader leanReader;

    public Hl7Parser() {
        context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        // Clinics send what their EHR sends; the mapper reports what it cannot use, field by field.
        context.setValidationContext(ValidationContextFactory.noValidation());
        parsers = ThreadLocal.withInitial(() -> new PipeParser(context));
        leanReader = new LeanDftReader(context.getParserConfiguration().getEscaping(), SUPPORTED_VERSIONS);
    }

    /** The shared HAPI context, for callers that need the same configuration (e.g. to build ACKs). */
    public HapiContext context() {
        return context;
    }

    /**
     * Parses one DFT^P03 message into the v2.5.1 model. Segments may end with {@code \r}, {@code \n} or
     * {@code \r\n}; a leading byte order mark and surrounding whitespace (including MLLP framing
     * characters) are ignored. HL7 escape sequences are decoded by HAPI.
     *
     * @throws Hl7Exception when the text is not an ER7 DFT^P03 of a supported version, or HAPI cannot parse it
     */
    public Message parse(String er7) throws Hl7Exception {
        return parseNormalised(normalise(er7));
    }

    /**
     * Reads one DFT^P03 for the mapper: by the lean reader when it takes the message (most do), else by
     * {@link #parse}. Accepts and refuses exactly what {@link #parse} does, with the same reasons, and the
     * mapper makes the same claim of either result (see docs/design.md, "Fast read path").
     *
     * @throws Hl7Exception when the text is not an ER7 DFT^P03 of a supported version, or HAPI cannot parse it
     */
    public DftMessage read(String er7) throws Hl7Exception {
        String text = normalise(er7);
        DftMessage lean = leanReader.read(text);
        if (lean != null) {
            return lean;
        }
        Message message = parseNormalised(text);
        return new DftMessage(header(message), MessageSegments.of(message), false);
    }

    private Message parseNormalised(String text) throws Hl7Exception {
        Message message;
        try {
            message = parsers.get().parse(text);
        } catch (HL7Exception e) {
            // An unsupported type or version is the more useful answer when it is one.
            requireSupported(readHeader(text));
            // HAPI's own message may quote field contents, so only its location and error code are kept.
            throw new Hl7Exception(where(e.getLocation()), "UNPARSEABLE",
                    "the message cannot be parsed (" + e.getError().getMessage() + ")");
        }
        // Checked after the parse: reading MSH once more beforehand would cost every good message a second parse.
        requireSupported(header(message));
        return message;
    }

    /**
     * Reads the MSH of a raw message without parsing the rest, so a message can be identified in error
     * reports even when {@link #parse} refuses it.
     *
     * @throws Hl7Exception when the text has no readable MSH segment
     */
    public MessageHeader header(String er7) throws Hl7Exception {
        return readHeader(normalise(er7));
    }

    /** The MSH of a message returned by {@link #parse}; MSH-12 is the version the sender wrote. */
    public MessageHeader header(Message message) {
        try {
            return header(new HapiSegment((Segment) message.get("MSH")));
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("the message has no MSH segment", e);
        }
    }

    private static String normalise(String er7) throws Hl7Exception {
        if (er7 == null) {
            throw new Hl7Exception("message", "NOT_HL7", "not an HL7 v2 message: it is empty");
        }
        String text = er7.startsWith(BYTE_ORDER_MARK) ? er7.substring(1) : er7;
        text = text.strip().replace("\r\n", "\r").replace('\n', SEGMENT_SEPARATOR);
        if (text.isEmpty()) {
            throw new Hl7Exception("message", "NOT_HL7", "not an HL7 v2 message: it is empty");
        }
        if (text.startsWith("<")) {
            throw new Hl7Exception("message", "NOT_HL7",
                    "not an HL7 v2 message: XML encoding is not accepted, send ER7 (pipe-delimited) messages");
        }
        if (!text.startsWith("MSH")) {
            throw new Hl7Exception("message", "NOT_HL7", "not an HL7 v2 message: it does not start with MSH");
        }
        if (!EncodingDetector.isEr7Encoded(text)) {
            throw new Hl7Exception("message", "NOT_ER7", "not valid ER7 (pipe-delimited) encoding: every segment"
                    + " must start with a 3-character name followed by the field separator of MSH");
        }
        return text;
    }

    /**
     * Parses the MSH segment alone with HAPI. (HAPI's PreParser would do, but it rejects the v2.7+
     * truncation character in MSH-2, {@code ^~\&#}.) The field separator is MSH's fourth character and
     * MSH-2 starts right after it; HAPI's own parser reads the delimiters the same way.
     */
    private MessageHeader readHeader(String text) throws Hl7Exception {
        int end = text.indexOf(SEGMENT_SEPARATOR);
        String mshSegment = end < 0 ? text : text.substring(0, end);
        if (mshSegment.length() < MSH_WITH_ENCODING_CHARACTERS) {
            // HAPI's EncodingCharacters needs four of them and would throw an unchecked exception.
            throw new Hl7Exception("MSH", "NOT_ER7", "the MSH segment cannot be read");
        }
        try {
            Segment msh = Parser.makeControlMSH("2.5.1", context.getModelClassFactory());
            PipeParser parser = parsers.get();
            // Without a parser of its own the segment's message makes a new default HAPI context (with
            // its validation rules) for every value it sets: most of the cost of reading a header.
            msh.getMessage().setParser(parser);
            parser.parse(msh, mshSegment, new EncodingCharacters(mshSegment.charAt(3), mshSegment.substring(4)));
            return header(new HapiSegment(msh));
        } catch (HL7Exception e) {
            throw new Hl7Exception("MSH", "NOT_ER7", "the MSH segment cannot be read");
        }
    }

    /** The header from an MSH read by HAPI or by the lean reader, the same way for both. */
    static MessageHeader header(SegmentFields msh) {
        String messageType = blankToNull(msh.value(9, 0, 1, 1));
        String triggerEvent = blankToNull(msh.value(9, 0, 2, 1));
        if (triggerEvent != null) {
            messageType = (messageType == null ? "" : messageType) + "^" + triggerEvent;
        }
        return new MessageHeader(blankToNull(msh.value(3, 0, 1, 1)), blankToNull(msh.value(4, 0, 1, 1)),
                blankToNull(msh.value(10, 0, 1, 1)), messageType, blankToNull(msh.value(12, 0, 1, 1)));
    }

    private static void requireSupported(MessageHeader header) throws Hl7Exception {
        if (!DFT_P03.equals(header.messageType())) {
            String found = header.messageType() == null ? "empty" : header.messageType();
            throw new Hl7Exception("MSH-9", "UNSUPPORTED_MESSAGE_TYPE",
                    "unsupported message type " + found + " (expected " + DFT_P03 + ")");
        }
        if (header.version() == null || !SUPPORTED_VERSIONS.contains(header.version())) {
            String found = header.version() == null ? "empty" : header.version();
            throw new Hl7Exception("MSH-12", "UNSUPPORTED_VERSION", "unsupported HL7 version " + found
                    + " (supported: " + String.join(", ", SUPPORTED_VERSIONS) + ")");
        }
    }

    private static String where(Location location) {
        if (location == null || location.getSegmentName() == null) {
            return "message";
        }
        return location.getField() > 0 ? location.getSegmentName() + "-" + location.getField() : location.getSegmentName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
