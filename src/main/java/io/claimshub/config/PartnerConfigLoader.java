package io.claimshub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Loads clinics.yaml and payers.yaml (shared/spec/config.md) and checks them as a whole: every problem
 * in both files is reported at once, each naming the file, the partner and the key.
 */
public final class PartnerConfigLoader {

    /** Overrides the config folder when no {@code --config} is given. */
    public static final String CONFIG_ENV = "CLAIMSHUB_CONFIG";
    private static final String ID = "[a-z0-9-]+";
    private static final YAMLMapper YAML = new YAMLMapper();

    private PartnerConfigLoader() {
    }

    /** The {@code --config} value, else {@value #CONFIG_ENV}, else {@code config}. */
    public static Path resolveConfigDir(String cliValue) {
        if (cliValue != null && !cliValue.isBlank()) {
            return Path.of(cliValue);
        }
        String env = System.getenv(CONFIG_ENV);
        return Path.of(env != null && !env.isBlank() ? env : "config");
    }

    /**
     * @param workDir the directory relative paths in the files resolve against
     */
    public static PartnerConfig load(Path configDir, Path workDir) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<ClinicConfig> clinics = readAll(configDir.resolve("clinics.yaml"), "clinics", "clinic", problems,
                (section, id) -> ClinicsReader.read(section, id, workDir));
        List<PayerConfig> payers = readAll(configDir.resolve("payers.yaml"), "payers", "payer", problems,
                (section, id) -> PayersReader.read(section, id, workDir));
        checkUnique(clinics.stream().flatMap(c -> c.sendingFacilities().stream().map(f -> new String[]{f, c.id()})).toList(),
                "clinics.yaml", "clinic", "sendingFacilities", "MSH-4 value", problems);
        checkUnique(payers.stream().flatMap(p -> p.match().stream().map(m -> new String[]{m, p.id()})).toList(),
                "payers.yaml", "payer", "match", "IN1-3 company id", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PartnerConfig(clinics, payers);
    }

    private static <T> List<T> readAll(Path file, String listKey, String kind, List<String> problems,
                                       BiFunction<YamlSection, String, T> reader) {
        String fileName = file.getFileName().toString();
        JsonNode root;
        try {
            root = Files.exists(file) ? YAML.readTree(file.toFile()) : null;
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            problems.add(fileName + ": not valid YAML" + line + ": " + e.getOriginalMessage());
            return List.of();
        } catch (IOException e) {
            problems.add(fileName + ": cannot be read: " + e.getMessage());
            return List.of();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(fileName + ": " + (Files.exists(file) ? "the file is empty" : "missing (looked in " + file.toAbsolutePath().getParent() + ")"));
            return List.of();
        }
        JsonNode list = root.get(listKey);
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(fileName + ": needs a top-level '" + listKey + ":' list with at least one " + kind);
            return List.of();
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals(listKey)) {
                problems.add(fileName + ": unknown top-level key '" + name + "' (known keys: " + listKey + ")");
            }
        });
        List<T> result = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                problems.add(fileName + ": " + kind + " #" + (i + 1) + ": must be a mapping of keys to values");
                continue;
            }
            String id = item.path("id").asText("").trim();
            String where = fileName + ": " + kind + (id.isEmpty() ? " #" + (i + 1) : " '" + id + "'");
            YamlSection section = new YamlSection(item, where, problems);
            if (id.isEmpty()) {
                problems.add(where + ": missing required key 'id'");
            } else if (!id.matches(ID)) {
                section.problem("id", "'" + id + "' may only contain a-z, 0-9 and '-'");
            } else if (seen.putIfAbsent(id, i + 1) != null) {
                section.problem("id", "'" + id + "' is used by " + kind + " #" + seen.get(id) + " too");
            }
            result.add(reader.apply(section, id));
        }
        return result;
    }

    /** Each value (case-insensitive) may belong to one partner only. */
    private static void checkUnique(List<String[]> valuesWithOwners, String fileName, String kind, String key,
                                    String meaning, List<String> problems) {
        Map<String, String> owners = new HashMap<>();
        for (String[] valueAndOwner : valuesWithOwners) {
            String value = valueAndOwner[0].toUpperCase(Locale.ROOT);
            String previous = owners.putIfAbsent(value, valueAndOwner[1]);
            if (previous != null && !previous.equals(valueAndOwner[1])) {
                problems.add(fileName + ": " + kind + " '" + valueAndOwner[1] + "': key '" + key + "': " + meaning
                        + " '" + valueAndOwner[0] + "' is already used by " + kind + " '" + previous + "'");
            }
        }
    }
}
