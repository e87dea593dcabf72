package io.claimshub.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.hl7.BatchMessage;
import io.claimshub.hl7.Hl7BatchReader;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a clinic file (a single HL7 message, an HL7 batch, one JSON claim or a JSON array of claims)
 * and hands its items one at a time to a sink, streaming, so a file of any size reads in the same
 * memory: no message, claim, list or value beyond its {@link ReadLimits limit} is ever held whole. Only
 * a file that cannot be read at all fails as a whole; a bad or oversized item is handed on as such.
 */
public final class ClinicFileReader {

    /** Takes one item; answers false to stop reading (the hub is stopping). */
    @FunctionalInterface
    public interface ItemSink {
        boolean take(InputItem item);
    }

    /**
     * @param items   the ordinal of the last item read (skipped ones included)
     * @param stopped the sink asked to stop before the end of the file
     */
    public record Outcome(int items, boolean stopped) {
    }

    private final ReadLimits limits;
    private final ObjectMapper json;

    public ClinicFileReader(ReadLimits limits) {
        this.limits = limits;
        this.json = ClaimJson.mapper().copy();
        // Jackson's own bound on one value; our bounds on claims and lists are checked while streaming
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(limits.maxMessageChars()).build());
    }

    /** Reads every item of a file. */
    public Outcome read(Path file, ItemSink sink) throws IOException, UnreadableFileException {
        return read(file, 0, sink);
    }

    /**
     * Reads a file, never following a symbolic link.
     *
     * @param skip how many items at the start were taken before (a file resumed after a stop): they
     *             are read past without being handed out
     */
    public Outcome read(Path file, int skip, ItemSink sink) throws IOException, UnreadableFileException {
        try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return read(raw, file.getFileName().toString(), skip, sink);
        }
    }

    public Outcome read(InputStream raw, String fileName, int skip, ItemSink sink) throws IOException, UnreadableFileException {
        PushbackInputStream in = FileFormat.peekable(new BufferedInputStream(new PipeSafe(raw), 64 * 1024));
        return switch (FileFormat.detect(in, fileName)) {
            case HL7 -> readHl7(in, fileName, skip, sink);
            case JSON -> readJson(in, fileName, skip, sink);
        };
    }

    private Outcome readHl7(InputStream in, String fileName, int skip, ItemSink sink)
            throws IOException, UnreadableFileException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Hl7BatchReader messages = new Hl7BatchReader(new InputStreamReader(in, decoder), limits.maxMessageChars())) {
            int ordinal = 0;
            while (messages.hasNext()) {
                BatchMessage message = messages.next();
                ordinal = message.ordinal();
                checkCount(fileName, ordinal, "messages");
                if (ordinal <= skip) {
                    continue;
                }
                InputItem item = message.tooLarge()
                        ? new InputItem.Hl7TooLarge(ordinal, message.er7(), message.length())
                        : new InputItem.Hl7Message(ordinal, message.er7());
                if (!sink.take(item)) {
                    return new Outcome(ordinal, true);
                }
            }
            return new Outcome(ordinal, false);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Outcome readJson(InputStream in, String fileName, int skip, ItemSink sink)
            throws IOException, UnreadableFileException {
        int ordinal = 0;
        try (JsonParser parser = json.createParser(in)) {
            try {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    InputItem claim = readClaim(parser, 1);
                    return new Outcome(1, skip < 1 && !sink.take(claim));
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    checkCount(fileName, ++ordinal, "claims");
                    if (ordinal <= skip) {
                        parser.skipChildren();
                    } else if (!sink.take(readClaim(parser, ordinal))) {
                        return new Outcome(ordinal, true);
                    }
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    throw new UnreadableFileException(fileName + ": expected a JSON claim object or an array of them at "
                            + where(parser.currentLocation()));
                }
                return new Outcome(ordinal, false);
            } catch (StreamConstraintsException e) {
                throw new UnreadableFileException(fileName + ": claim #" + Math.max(ordinal, 1) + " has a value longer than "
                        + limits.maxMessageChars() + " characters at " + where(parser.currentLocation())
                        + "; the file was not read further", e);
            } catch (JsonProcessingException e) {
                // Jackson's own message can quote the offending value (PHI): report only where it is.
                throw new UnreadableFileException(fileName + ": not valid JSON at "
                        + where(e.getLocation() == null ? parser.currentLocation() : e.getLocation()), e);
            }
        }
    }

    private void checkCount(String fileName, int ordinal, String what) throws UnreadableFileException {
        if (ordinal > limits.maxItemsPerFile()) {
            throw new UnreadableFileException(fileName + ": holds more than " + limits.maxItemsPerFile() + " " + what
                    + "; the first " + limits.maxItemsPerFile() + " were taken, put the rest in another file");
        }
    }

    /**
     * One claim object, the parser on its START_OBJECT: buffered token by token while its size and the
     * length of every list in it are counted, so an oversized claim is refused before any of it is built.
     */
    private InputItem readClaim(JsonParser parser, int ordinal) throws IOException {
        long start = offset(parser.currentTokenLocation());
        TokenBuffer buffer = new TokenBuffer(parser);
        Deque<Container> open = new ArrayDeque<>();
        String field = null;
        String problem = null;
        JsonToken token = parser.currentToken();
        do {
            if (problem == null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY && token != JsonToken.FIELD_NAME
                        && !open.isEmpty() && open.peek().list && ++open.peek().items > limits.maxListItems()) {
                    problem = "field '" + open.peek().name + "' has more than " + limits.maxListItems()
                            + " entries (the limit); split the claim";
                } else if (offset(parser.currentLocation()) - start > limits.maxMessageChars()) {
                    problem = "the claim is larger than " + limits.maxMessageChars() + " characters (the limit)";
                } else {
                    buffer.copyCurrentEvent(parser);
                }
            }
            switch (token) {
                case FIELD_NAME -> field = parser.currentName();
                case START_OBJECT -> open.push(new Container(false, field));
                case START_ARRAY -> open.push(new Container(true, field));
                case END_OBJECT, END_ARRAY -> open.pop();
                default -> { }
            }
        } while (!open.isEmpty() && (token = parser.nextToken()) != null);
        if (problem != null) {
            return new InputItem.InvalidJsonClaim(ordinal, new Reason("claim #" + ordinal, "CLAIM_TOO_LARGE", problem));
        }
        try (JsonParser claim = buffer.asParser(json)) {
            return toItem(ordinal, json.readTree(claim));
        }
    }

    /**
     * A pipe opened through java.nio (a named pipe given to {@code convert}, {@code <(zcat file)}) answers
     * {@code available()} with "Illegal seek"; the decoders ask only to know whether a read would block,
     * and "it may" (0) is always a safe answer.
     */
    private static final class PipeSafe extends FilterInputStream {
        PipeSafe(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            try {
                return in.available();
            } catch (IOException notSeekable) {
                return 0;
            }
        }
    }

    /** An object or a list being read, with what it was called and, for a list, how many entries it has. */
    private static final class Container {
        final boolean list;
        final String name;
        int items;

        Container(boolean list, String name) {
            this.list = list;
            this.name = name == null ? "(claim)" : name;
        }
    }

    /** Bytes read from a byte source, characters from a character source. */
    private static long offset(JsonLocation location) {
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private InputItem toItem(int ordinal, JsonNode node) {
        try {
            return new InputItem.JsonClaim(ordinal, json.treeToValue(node, Claim.class));
        } catch (JsonMappingException e) {
            return new InputItem.InvalidJsonClaim(ordinal, new Reason("claim #" + ordinal, "JSON_INVALID",
                    "field '" + path(e) + "' is unknown or has a value of the wrong type"));
        } catch (JsonProcessingException e) {
            return new InputItem.InvalidJsonClaim(ordinal, new Reason("claim #" + ordinal, "JSON_INVALID",
                    "the claim is not valid JSON"));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(claim)" : path.toString();
    }
}
