package io.claimshub;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of the main code, checked by reading the sources (no extra library): no cycle
 * between packages, no Camel in a domain package, and the hub uses the payer simulator only to start
 * it from the command line. Prints the package list with class counts and the largest classes (in
 * target/surefire-reports/io.claimshub.PackageStructureTest-output.txt).
 */
class PackageStructureTest {

    private static final String BASE = "io.claimshub";
    private static final Path HUB_SOURCES = Path.of("src/main/java");
    private static final Path SIMULATOR_SOURCES = Path.of("src/simulator/java");
    /**
     * The wiring: the packages that may import Camel (org.apache.camel). Every other package is domain
     * code, plain Java that the YAML flows and these packages call. {@code transport} holds the Camel
     * producers that carry delivery's files (sftp:, http:), behind the domain's delivery.Transport.
     */
    private static final Set<String> WIRING = Set.of(BASE, BASE + ".api", BASE + ".dashboard", BASE + ".mllp",
            BASE + ".observe", BASE + ".pickup", BASE + ".transport");
    /** The one hub class that knows the simulator: the command line starts it with "simulate-payer". */
    private static final Set<String> SIMULATOR_USERS = Set.of(BASE + ".ClaimsHub");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    /** A use of a project class, imported or written out: the package is everything before the class name. */
    private static final Pattern PROJECT_REFERENCE = Pattern.compile("\\b(io\\.claimshub(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern CAMEL_IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?org\\.apache\\.camel\\.");

    private static List<Source> sources;

    @BeforeAll
    static void readSources() throws IOException {
        sources = new ArrayList<>();
        sources.addAll(read(HUB_SOURCES, false));
        sources.addAll(read(SIMULATOR_SOURCES, true));
        printPackagesAndLargestClasses();
    }

    @Test
    void no_two_packages_depend_on_each_other_directly_or_through_others() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source source : sources) {
            Set<String> uses = graph.computeIfAbsent(source.pkg(), p -> new TreeSet<>());
            source.references().stream().filter(p -> !p.equals(source.pkg())).forEach(uses::add);
        }

        assertThat(cycles(graph)).as("package cycles (each list is a set of packages that depend on each other)")
                .isEmpty();
    }

    @Test
    void domain_packages_have_no_camel_imports() {
        assertThat(sources).filteredOn(source -> !WIRING.contains(source.pkg()) && source.importsCamel())
                .extracting(Source::className)
                .as("classes outside the wiring packages %s that import org.apache.camel", new TreeSet<>(WIRING))
                .isEmpty();
    }

    @Test
    void the_hub_uses_the_simulator_only_to_start_it_from_the_command_line() {
        assertThat(sources).filteredOn(source -> !source.simulator()
                        && source.references().stream().anyMatch(p -> p.startsWith(BASE + ".simulator")))
                .extracting(Source::className)
                .containsExactlyElementsOf(SIMULATOR_USERS);
        assertThat(sources).filteredOn(Source::simulator).extracting(Source::pkg)
                .allMatch(p -> p.startsWith(BASE + ".simulator"));
    }

    /** Strongly connected components with more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, cycles, counter);
            }
        }
        return cycles;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> cycles, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, cycles, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                component.sort(Comparator.naturalOrder());
                cycles.add(component);
            }
        }
    }

    @Test
    void finds_a_cycle_through_a_third_package_and_none_in_a_chain() {
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"))))
                .containsExactly(List.of("a", "b", "c"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of()))).isEmpty();
    }

    private static void printPackagesAndLargestClasses() {
        Map<String, List<Source>> byPackage = new TreeMap<>();
        sources.forEach(source -> byPackage.computeIfAbsent(source.pkg(), p -> new ArrayList<>()).add(source));
        System.out.println("package                          classes  lines  (simulator source root marked *)");
        byPackage.forEach((pkg, files) -> System.out.printf("%-32s %7d %6d %s%n", pkg, files.size(),
                files.stream().mapToInt(Source::lines).sum(), files.get(0).simulator() ? "*" : ""));
        System.out.printf("%-32s %7d %6d%n", "total", sources.size(), sources.stream().mapToInt(Source::lines).sum());
        System.out.println();
        System.out.println("largest classes (lines)");
        sources.stream().sorted(Comparator.comparingInt(Source::lines).reversed()).limit(15)
                .forEach(source -> System.out.printf("%6d %s%n", source.lines(), source.className()));
    }

    private static List<Source> read(Path root, boolean simulator) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Source> read = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as("package line of %s", file).isTrue();
                Set<String> references = new TreeSet<>();
                Matcher reference = PROJECT_REFERENCE.matcher(text);
                while (reference.find()) {
                    references.add(reference.group(1));
                }
                String name = file.getFileName().toString().replace(".java", "");
                read.add(new Source(pkg.group(1), pkg.group(1) + "." + name, simulator, references,
                        CAMEL_IMPORT.matcher(text).find(), (int) text.lines().count()));
            }
            return read;
        }
    }

    private record Source(String pkg, String className, boolean simulator, Set<String> references,
                          boolean importsCamel, int lines) {
    }
}
