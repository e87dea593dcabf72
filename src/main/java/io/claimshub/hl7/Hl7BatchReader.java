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
 * <p>A message longer than the limit given at construction is not kept: it is read past, and handed
 * out as {@link BatchMessage#tooLarge()} with the start of its first segment (for its MSH-10), so no
 * line or message, however long, is ever held in memory whole.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class Hl7BatchReader implements Iterator<BatchMessage>, Closeable {

    private static final char SEGMENT_SEPARATOR = '\r';

    /** What is kept of a message that is too large: its MSH, where MSH-10 is. */
    private static final int TOO_LARGE_HEAD = 4096;

    private final Reader reader;
    private final int maxMessageChars;
    private final char[] buffer = new char[8192];
    private int bufferPosition;
    private int bufferLength;
    private String lookahead;
    /** Characters of the last line read that were not kept (beyond the limit). */
    private long lineOverflow;
    private long lookaheadOverflow;
    private BatchMessage next;
    private int messagesRead;
    private boolean firstLine = true;
    private Integer declaredMessageCount;

    /** A reader without a practical limit on message size, for input that is already in memory. */
    public Hl7BatchReader(Reader reader) {
        this(reader, Integer.MAX_VALUE - 8);
    }

    /** @param maxMessageChars longer messages are handed out {@link BatchMessage#tooLarge() too large} */
    public Hl7BatchReader(Reader reader, int maxMessageChars) {
        this.reader = reader;
        this.maxMessageChars = maxMessageChars;
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
        long length = 0;
        String segment;
        while ((segment = nextSegment()) != null) {
            long segmentLength = segment.length() + lineOverflow;
            String name = segment.length() < 3 ? segment : segment.substring(0, 3);
            switch (name) {
                case "MSH" -> {
                    if (message != null) {
                        lookahead = segment;
                        lookaheadOverflow = lineOverflow;
                        return emit(message, length);
                    }
                    message = start(segment, segmentLength);
                    length = segmentLength;
                }
                case "FHS", "BHS", "BTS", "FTS" -> {
                    if (name.equals("BTS")) {
                        countFrom(segment);
                    }
                    if (message != null) {
                        return emit(message, length);
                    }
                }
                default -> {
                    if (message == null) {
                        message = start(segment, segmentLength);
                        length = segmentLength;
                    } else {
                        length += 1 + segmentLength;
                        // once too large, the rest of the message is only counted
                        if (length <= maxMessageChars) {
                            message.append(SEGMENT_SEPARATOR).append(segment);
                        }
                    }
                }
            }
        }
        return message == null ? null : emit(message, length);
    }

    private StringBuilder start(String firstSegment, long length) {
        return new StringBuilder(length <= maxMessageChars ? firstSegment
                : firstSegment.substring(0, Math.min(firstSegment.length(), TOO_LARGE_HEAD)));
    }

    private BatchMessage emit(StringBuilder message, long length) {
        messagesRead++;
        if (length > maxMessageChars) {
            String first = message.toString();
            int end = first.indexOf(SEGMENT_SEPARATOR);
            String head = end < 0 ? first : first.substring(0, end);
            return new BatchMessage(messagesRead, head.substring(0, Math.min(head.length(), TOO_LARGE_HEAD)), length);
        }
        return new BatchMessage(messagesRead, message.toString());
    }

    /**
     * The next non-blank line, without its line ending, byte order mark or surrounding whitespace; at
     * most one character more than a message may hold is kept, the rest is counted in {@link #lineOverflow}.
     */
    private String nextSegment() {
        if (lookahead != null) {
            String segment = lookahead;
            lineOverflow = lookaheadOverflow;
            lookahead = null;
            return segment;
        }
        try {
            String line;
            while ((line = readLine()) != null) {
                if (firstLine && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                firstLine = false;
                // strip() also drops the MLLP block characters (VT, FS), which Java counts as whitespace.
                line = line.strip();
                if (!line.isEmpty() || lineOverflow > 0) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HL7 file after message #" + messagesRead, e);
        }
    }

    /** A line ended by CR, LF or the end of the input, or null at the end; BufferedReader.readLine has no bound. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        long keep = (long) maxMessageChars + 1;
        lineOverflow = 0;
        boolean any = false;
        int c;
        while ((c = read()) != -1) {
            any = true;
            if (c == '\r' || c == '\n') {
                return line.toString();
            }
            if (line.length() < keep) {
                line.append((char) c);
            } else {
                lineOverflow++;
            }
        }
        return any ? line.toString() : null;
    }

    private int read() throws IOException {
        if (bufferPosition == bufferLength) {
            bufferLength = reader.read(buffer, 0, buffer.length);
            bufferPosition = 0;
            if (bufferLength <= 0) {
                bufferLength = 0;
                return -1;
            }
        }
        return buffer[bufferPosition++];
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
