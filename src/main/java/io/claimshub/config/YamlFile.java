package io.claimshub.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one partner file into a tree whose scalars are all text, exactly as written. Jackson's own
 * tree would turn {@code payerId: 00430} into the octal number 280 and {@code zip: 02134...} into
 * something else; keeping the source text lets the checks see what the clerk typed.
 */
final class YamlFile {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlFile() {
    }

    /**
     * @return the document's root, {@link MissingNode} when the file holds no document, or null when it
     * could not be read (the reason is added to {@code problems})
     */
    static JsonNode read(Path file, List<String> problems) {
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = value(parser, name, problems);
            if (parser.nextToken() != null) {
                problems.add(name + ": line " + parser.currentTokenLocation().getLineNr()
                        + ": a second YAML document ('---') starts here; keep everything in one document");
            }
            return root;
        } catch (NoSuchFileException e) {
            problems.add(name + ": not found in " + file.toAbsolutePath().getParent()
                    + "; point --config or " + PartnerConfigLoader.CONFIG_DIR_ENV
                    + " at the folder that holds clinics.yaml and payers.yaml");
        } catch (JsonProcessingException e) {
            problems.add(name + ": " + syntaxError(e));
        } catch (IOException e) {
            problems.add(name + ": cannot be read: " + e.getMessage());
        }
        return null;
    }

    private static JsonNode value(JsonParser parser, String name, List<String> problems) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode map = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                JsonNode child = value(parser, name, problems);
                if (map.has(key)) {
                    problems.add(name + ": line " + line + ": key '" + key + "' appears twice in the same map");
                }
                map.set(key, child);
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode list = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(parser, name, problems));
            }
            return list;
        }
        if (token == JsonToken.VALUE_NULL) {
            return NullNode.getInstance();
        }
        return TextNode.valueOf(parser.getText());
    }

    private static String syntaxError(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark at = marked.getProblemMark();
                Mark context = marked.getContextMark();
                String started = marked.getContext() == null || context == null ? ""
                        : " (" + marked.getContext() + " that starts on line " + (context.getLine() + 1) + ")";
                return "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": YAML syntax error: "
                        + marked.getProblem() + started;
            }
        }
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        return at == null ? "YAML syntax error: " + message
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": YAML syntax error: " + message;
    }
}
