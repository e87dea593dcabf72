package io.claimshub.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.segment.BTS;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalInt;

/**
 * Cuts an HL7 file into messages, one at a time, holding no more than one message in memory.
 *
 * <p>Accepts a single message, messages one after the other (blank lines between them are fine) and
 * FHS/BHS … BTS/FTS batches, whose envelope segments are skipped. Segments may end with {@code \r},
 * {@code \n} or {@code \r\n}; a leading byte order mark and MLLP framing characters are dropped. Lines
 * before the first MSH are handed out as a message of their own, so that the parser reports them
 * instead of them vanishing.
 *
 * <p>HAPI's {@code Hl7InputStreamMessageStringIterator} is not used: it glues BTS/FTS and a second BHS
 * onto the preceding message, stops at the first chunk that does not start with MSH, and has no
 * message numbers.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class Hl7BatchReader implements Iterator<BatchMessage>, Closeable {

    private static final char SEGMENT_SEPARATOR = '\r';

    private final BufferedReader reader;
    private String lookahead;
    private BatchMessage next;
    private int messagesRead;
    private boolean firstLine = true;
    private Integer declaredMessageCount;

    public Hl7BatchReader(Reader reader) {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readMessage();
        }
        return next != null;
    }

    @Override
    public BatchMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more HL7 messages");
        }
        BatchMessage message = next;
        next = null;
        return message;
    }

    /** How many messages have been handed out so far (after the last one: in the whole file). */
    public int messagesRead() {
        return messagesRead;
    }

    /**
     * The sum of the message counts in the batch trailers read so far (BTS-1), to compare with
     * {@link #messagesRead()} once the file is read; empty when no BTS carried a count.
     */
    public OptionalInt declaredMessageCount() {
        return declaredMessageCount == null ? OptionalInt.empty() : OptionalInt.of(declaredMessageCount);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private BatchMessage readMessage() {
        StringBuilder message = null;
        String segment;
        while ((segment = nextSegment()) != null) {
            String name = segment.length() < 3 ? segment : segment.substring(0, 3);
            switch (name) {
                case "MSH" -> {
                    if (message != null) {
                        lookahead = segment;
                        return emit(message);
                    }
                    message = new StringBuilder(segment);
                }
                case "FHS", "BHS", "BTS", "FTS" -> {
                    if (name.equals("BTS")) {
                        countFrom(segment);
                    }
                    if (message != null) {
                        return emit(message);
                    }
                }
                default -> {
                    if (message == null) {
                        message = new StringBuilder(segment);
                    } else {
                        message.append(SEGMENT_SEPARATOR).append(segment);
                    }
                }
            }
        }
        return message == null ? null : emit(message);
    }

    private BatchMessage emit(StringBuilder message) {
        messagesRead++;
        return new BatchMessage(messagesRead, message.toString());
    }

    /** The next non-blank line, without its line ending, byte order mark or surrounding whitespace. */
    private String nextSegment() {
        if (lookahead != null) {
            String segment = lookahead;
            lookahead = null;
            return segment;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (firstLine && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                firstLine = false;
                // strip() also drops the MLLP block characters (VT, FS), which Java counts as whitespace.
                line = line.strip();
                if (!line.isEmpty()) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HL7 file after message #" + messagesRead, e);
        }
    }

    private void countFrom(String btsSegment) {
        if (btsSegment.length() < 4) {
            return;
        }
        try {
            ModelClassFactory factory = new DefaultModelClassFactory();
            Segment bts = new BTS(new GenericMessage.V251(factory), factory);
            new PipeParser().parse(bts, btsSegment, new EncodingCharacters(btsSegment.charAt(3), null));
            String count = Terser.get(bts, 1, 0, 1, 1);
            if (count != null && count.strip().matches("\\d{1,9}")) {
                declaredMessageCount = (declaredMessageCount == null ? 0 : declaredMessageCount) + Integer.parseInt(count.strip());
            }
        } catch (HL7Exception e) {
            // A trailer we cannot read only costs the cross-check, never a message.
        }
    }
}
