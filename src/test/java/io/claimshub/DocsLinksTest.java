package io.claimshub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists inside the repository,
 * and a {@code #anchor} names a heading of the target as GitHub renders it. Links to web sites are not
 * fetched.
 */
class DocsLinksTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at the first space or ')'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    @Test
    void every_relative_link_in_the_readme_and_the_docs_resolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(PROJECT.resolve("README.md"));
        pages.add(PROJECT.resolve("BENCHMARKS.md"));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(5);

        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            List<String> found = new ArrayList<>();
            links += check(PROJECT, page, found);
            problems.addAll(found);
        }

        assertThat(links).as("links checked").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /**
     * Nothing in the repository names the development machine's reference folders, which a user of the
     * repository does not have (the patterns are assembled so that this file does not name them either).
     */
    @Test
    void no_file_of_the_repository_points_at_folders_outside_it() throws IOException {
        List<String> outside = List.of("../" + "shared", "shared/" + "spec", "shared/" + "samples", "docs/" + "notes",
                "/work" + "/");
        List<Path> roots = Stream.of("src", "config", "routes", "docs", "deploy", "bin", ".ci", "examples",
                "README.md", "BENCHMARKS.md", "pom.xml").map(PROJECT::resolve).filter(Files::exists).toList();
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(DocsLinksTest::isText).toList()) {
                    List<String> lines = read(file);
                    for (int i = 0; i < lines.size(); i++) {
                        for (String reference : outside) {
                            if (lines.get(i).contains(reference)) {
                                found.add(PROJECT.relativize(file) + " line " + (i + 1) + ": " + reference);
                            }
                        }
                    }
                }
            }
        }
        assertThat(roots).hasSizeGreaterThan(8);
        assertThat(found).isEmpty();
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return Stream.of(".java", ".md", ".yaml", ".yml", ".properties", ".xml", ".json", ".sql", ".txt", ".sh",
                ".service", ".bat", ".js", ".css", ".html", ".hl7").anyMatch(name::endsWith)
                || name.equals("Dockerfile") || name.equals("claims-hub") || name.equals("run");
    }

    @Test
    void a_missing_file_a_missing_heading_and_a_path_out_of_the_repository_are_reported(@TempDir Path root)
            throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), "# Guide\n\n## Live EHR feeds (MLLP)\n");
        Path readme = root.resolve("README.md");
        Files.writeString(readme, """
                # Project
                [guide](docs/guide.md) and [feeds](docs/guide.md#live-ehr-feeds-mllp) and [top](#project)
                [gone](docs/missing.md) and [no heading](docs/guide.md#live-feeds) and [here](#nowhere)
                [outside](../elsewhere/config.md) and [web](https://example.org/x.md)
                ```
                [in a code block](docs/ignored.md)
                ```
                `[in code](docs/ignored-too.md)`
                """);

        List<String> problems = new ArrayList<>();
        int links = check(root, readme, problems);

        assertThat(links).isEqualTo(7);
        assertThat(problems).containsExactly(
                "README.md line 3: docs/missing.md does not exist",
                "README.md line 3: docs/guide.md#live-feeds: docs/guide.md has no heading with anchor 'live-feeds'",
                "README.md line 3: #nowhere: README.md has no heading with anchor 'nowhere'",
                "README.md line 4: ../elsewhere/config.md points outside the repository");
    }

    @Test
    void a_heading_gets_the_anchor_github_gives_it() {
        assertThat(anchors("""
                # Replies over SFTP: camel-ftp options and why
                ## clinics.yaml: who sends claims
                ## Payer simulator (`simulate-payer`)
                ### The server's host key
                ## MLLP intake: DFT^P03 over TCP, ACK after the ledger commit
                ## Memory: a 100,000-message batch file
                ## HL7 v2 DFT^P03 → claim
                ## Notes
                ## Notes
                """)).containsExactly(
                "replies-over-sftp-camel-ftp-options-and-why",
                "clinicsyaml-who-sends-claims",
                "payer-simulator-simulate-payer",
                "the-servers-host-key",
                "mllp-intake-dftp03-over-tcp-ack-after-the-ledger-commit",
                "memory-a-100000-message-batch-file",
                "hl7-v2-dftp03--claim",
                "notes",
                "notes-1");
    }

    /** Checks the links of one page against the files under {@code root}; returns how many it checked. */
    private static int check(Path root, Path page, List<String> problems) {
        String name = root.relativize(page).toString();
        List<String> lines = read(page);
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        boolean inCodeBlock = false;
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inCodeBlock = !inCodeBlock;
                continue;
            }
            if (inCodeBlock) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (EXTERNAL.matcher(target).matches()) {
                    continue;
                }
                checked++;
                String where = name + " line " + (i + 1) + ": ";
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(root)) {
                    problems.add(where + target + " points outside the repository");
                } else if (!Files.exists(resolved)) {
                    problems.add(where + file + " does not exist");
                } else if (hash >= 0) {
                    String anchor = target.substring(hash + 1);
                    Set<String> anchors = anchorsByFile.computeIfAbsent(resolved,
                            p -> new HashSet<>(anchors(String.join("\n", read(p)))));
                    if (!anchors.contains(anchor)) {
                        problems.add(where + target + ": " + root.relativize(resolved)
                                + " has no heading with anchor '" + anchor + "'");
                    }
                }
            }
        }
        return checked;
    }

    /**
     * The anchors GitHub gives a page's headings: lower case, Markdown code marks and punctuation
     * dropped (letters, digits, '-', '_' and spaces kept), spaces as '-', repeats numbered -1, -2, ….
     */
    private static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCodeBlock = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                inCodeBlock = !inCodeBlock;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCodeBlock || !heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
            StringBuilder anchor = new StringBuilder();
            text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    anchor.appendCodePoint(c);
                } else if (c == ' ') {
                    anchor.append('-');
                }
            });
            String base = anchor.toString();
            int count = seen.merge(base, 1, Integer::sum);
            anchors.add(count == 1 ? base : base + "-" + (count - 1));
        }
        return anchors;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
