package io.claimshub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CI runs exactly the test commands the README gives, in the same order, and nothing after them. */
class ReadmeCommandsTest {

    @Test
    void ci_ends_with_the_readmes_test_commands() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int section = readme.indexOf("## Test it");
        assertThat(section).as("README has a 'Test it' section").isNotNegative();
        int start = readme.subList(section, readme.size()).indexOf("```sh") + section + 1;
        int end = readme.subList(start, readme.size()).indexOf("```") + start;
        List<String> commands = readme.subList(start, end);
        assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain("#"));

        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();

        assertThat(ci.subList(ci.size() - commands.size(), ci.size())).isEqualTo(commands);
    }
}
