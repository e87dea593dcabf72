package io.claimshub.intake;

import com.fasterxml.jackson.core.JsonParser;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a clinic file (a single HL7 message, an HL7 batch, one JSON claim or a JSON array of claims)
 * and hands its items one at a time to a consumer, streaming, so a file of any size reads in the same
 * memory. Only a file that cannot be read at all fails as a whole; a bad item is handed on as such.
 */
public final class ClinicFileReader {

    private static final ObjectMapper JSON = ClaimJson.mapper();

    private ClinicFileReader() {
    }

    public static void read(Path file, Consumer<InputItem> sink) throws IOException, UnreadableFileException {
        String fileName = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file);
             PushbackInputStream in = FileFormat.peekable(new BufferedInputStream(raw, 64 * 1024))) {
            switch (FileFormat.detect(in, fileName)) {
                case HL7 -> readHl7(in, sink);
                case JSON -> readJson(in, fileName, sink);
            }
        }
    }

    private static void readHl7(InputStream in, Consumer<InputItem> sink) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Hl7BatchReader messages = new Hl7BatchReader(new InputStreamReader(in, decoder))) {
            while (messages.hasNext()) {
                BatchMessage message = messages.next();
                sink.accept(new InputItem.Hl7Message(message.ordinal(), message.er7()));
            }
        }
    }

    private static void readJson(InputStream in, String fileName, Consumer<InputItem> sink)
            throws IOException, UnreadableFileException {
        try (JsonParser json = JSON.createParser(in)) {
            if (json.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(toItem(1, JSON.readTree(json)));
                return;
            }
            int ordinal = 0;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(toItem(++ordinal, JSON.readTree(json)));
            }
            if (json.currentToken() != JsonToken.END_ARRAY) {
                throw new UnreadableFileException(fileName + ": expected a JSON claim object or an array of them at line "
                        + json.currentLocation().getLineNr() + ", column " + json.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            // Jackson's own message can quote the offending value (PHI): report only where it is.
            String where = e.getLocation() == null ? "an unknown position"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new UnreadableFileException(fileName + ": not valid JSON at " + where, e);
        }
    }

    private static InputItem toItem(int ordinal, JsonNode node) {
        try {
            return new InputItem.JsonClaim(ordinal, JSON.treeToValue(node, Claim.class));
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
