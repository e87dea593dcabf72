package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The top level of clinics.yaml or payers.yaml: a single list ({@code clinics:} or {@code payers:}) whose
 * entries become labelled sections, {@code clinic 'sunrise'}, or {@code clinic #2} when the id is missing.
 */
final class PartnerFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    private PartnerFile() {
    }

    /**
     * @param root the file's tree from {@link YamlFile}, null when it could not be read
     * @param kind what one entry is, {@code clinic} or {@code payer}; the list key is its plural
     */
    static List<ConfigSection> entries(JsonNode root, String file, String kind, List<String> problems) {
        String listKey = kind + "s";
        List<ConfigSection> entries = new ArrayList<>();
        if (root == null) {
            return entries;
        }
        if (root.isMissingNode() || root.isNull()) {
            problems.add(file + ": the file is empty; it needs a top-level '" + listKey + ":' list");
            return entries;
        }
        if (!root.isObject()) {
            problems.add(file + ": must start with '" + listKey + ":' followed by the list of " + listKey);
            return entries;
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!field.getKey().equals(listKey)) {
                problems.add(file + ": unknown top-level key '" + field.getKey() + "' (known keys: " + listKey + ")");
            }
        }
        SecretKeys.scan(((ObjectNode) root).deepCopy().without(listKey), file, file, "", problems);
        JsonNode list = root.get(listKey);
        if (list == null) {
            problems.add(file + ": missing top-level '" + listKey + ":' list");
        } else if (list.isNull() || list.isArray() && list.isEmpty()) {
            problems.add(file + ": the '" + listKey + ":' list is empty; add at least one " + kind);
        } else if (!list.isArray()) {
            problems.add(file + ": '" + listKey + ":' must be a list, each " + kind + " starting with '- id:'");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String where = file + ": " + kind + " " + label(entry, i);
                if (entry.isObject()) {
                    SecretKeys.scan(entry, where, file, "", problems);
                    entries.add(new ConfigSection(where, entry, problems));
                } else {
                    problems.add(where + ": must be a map of keys starting with 'id:'");
                }
            }
        }
        return entries;
    }

    /** The entry's id: it names folders and ledger rows, so it is kept to lowercase letters, digits and '-'. */
    static String id(ConfigSection entry) {
        String id = entry.requiredText("id");
        if (id != null && !ID.matcher(id).matches()) {
            entry.problem("id", "'" + id + "' may use only lowercase letters, digits and '-', like sunrise-east");
        }
        return id;
    }

    private static String label(JsonNode entry, int index) {
        JsonNode id = entry.get("id");
        return id != null && id.isTextual() && !id.textValue().isBlank()
                ? "'" + id.textValue().trim() + "'"
                : "#" + (index + 1);
    }
}
