package io.claimshub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of routes/: a flow's file is named after its route (or, when it holds several, every route id starts
 * with the file's name), the routeConfigurations the flows opt into live in errors.camel.yaml only, every
 * ClaimsHub* header a flow sets or reads is a constant of {@link ClaimsHubHeaders}, and the archive name of a
 * picked-up file is written once ({@link ClaimsHubHeaders#ARCHIVE_NAME_EXPRESSION}), not in a route.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final String SUFFIX = ".camel.yaml";

    @Test
    void every_route_id_is_its_file_name_or_starts_with_it() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : flows()) {
            String flow = file.getFileName().toString().replace(SUFFIX, "");
            for (JsonNode entry : read(file)) {
                for (String kind : List.of("route", "routeTemplate")) {
                    if (entry.has(kind)) {
                        String id = entry.get(kind).path("id").asText("");
                        if (!id.equals(flow) && !id.startsWith(flow + "-")) {
                            wrong.add(file.getFileName() + ": " + kind + " " + (id.isEmpty() ? "without id" : id));
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("routes whose id does not name their file").isEmpty();
    }

    @Test
    void route_configurations_live_in_errors_camel_yaml_only() throws IOException {
        List<String> elsewhere = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (Path file : flows()) {
            for (JsonNode entry : read(file)) {
                if (entry.has("routeConfiguration")) {
                    declared.add(entry.get("routeConfiguration").get("id").asText());
                    if (!file.getFileName().toString().equals("errors" + SUFFIX)) {
                        elsewhere.add(file.getFileName() + ": " + entry.get("routeConfiguration").get("id").asText());
                    }
                }
                entry.findValues("routeConfigurationId").forEach(id -> used.add(id.asText()));
            }
        }
        assertThat(elsewhere).isEmpty();
        assertThat(declared).as("every routeConfiguration is used, and every one used exists").isEqualTo(used);
    }

    @Test
    void every_claimshub_header_of_the_flows_is_a_constant_and_every_constant_is_used() throws Exception {
        Set<String> inRoutes = new TreeSet<>();
        Pattern header = Pattern.compile("\\bClaimsHub(?!Headers\\b)[A-Z][A-Za-z]+\\b");
        for (Path file : flows()) {
            Matcher names = header.matcher(Files.readString(file));
            while (names.find()) {
                inRoutes.add(names.group());
            }
        }
        Set<String> constants = new TreeSet<>();
        for (Field field : ClaimsHubHeaders.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !field.getName().endsWith("_EXPRESSION")) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(inRoutes).isNotEmpty().isEqualTo(constants);
    }

    @Test
    void the_archive_name_expression_is_not_written_into_a_route() throws Exception {
        for (Path file : flows()) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${date:now:");
        }
        assertThat((String) ClaimsHubHeaders.class.getField("ARCHIVE_NAME_EXPRESSION").get(null)).isEqualTo("${date:now:yyyyMMdd'T'HHmmssSSS}-${file:onlyname}");
    }

    private static List<Path> flows() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            List<Path> flows = files.filter(file -> file.toString().endsWith(SUFFIX)).sorted().toList();
            assertThat(flows).hasSizeGreaterThan(5);
            return flows;
        }
    }

    private static List<JsonNode> read(Path file) throws IOException {
        JsonNode tree = new YAMLMapper().readTree(file.toFile());
        List<JsonNode> entries = new ArrayList<>();
        tree.forEach(entries::add);
        return entries;
    }
}
