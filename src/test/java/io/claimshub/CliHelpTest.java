package io.claimshub;

import io.claimshub.cli.ConvertCommand;
import io.claimshub.cli.Subcommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} for every command, {@code help COMMAND} and {@code --version}, run as a user types them. */
class CliHelpTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return ClaimsHub.run(List.of(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "convert", "simulate-payer", "redeliver", "user"})
    void each_command_answers_help_with_its_usage_options_and_exit_status_without_running(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out()).startsWith("Usage: claims-hub " + command).contains("Exit status:", "Example");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void every_listed_command_has_help_and_a_summary_in_the_overview() {
        assertThat(run("--help")).isZero();
        String overview = out();
        for (Subcommand command : ClaimsHub.COMMANDS) {
            assertThat(overview).contains(command.summary());
            assertThat(command.help()).startsWith("Usage: claims-hub " + command.name());
        }
    }

    @Test
    void help_with_a_command_name_and_dash_h_give_that_command_s_help() {
        assertThat(run("help", "convert")).isZero();
        assertThat(run("convert", "-h")).isZero();
        assertThat(out()).isEqualTo(ConvertCommand.SUBCOMMAND.help() + ConvertCommand.SUBCOMMAND.help());
    }

    @Test
    void help_wins_over_missing_arguments_and_options_after_it() {
        assertThat(run("convert", "--out", "x", "--help")).isZero();
        assertThat(out()).startsWith("Usage: claims-hub convert");
    }

    @Test
    void version_is_the_one_in_the_pom() throws Exception {
        Matcher version = Pattern.compile("<artifactId>claims-hub</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();

        assertThat(run("--version")).isZero();
        assertThat(out()).isEqualTo("claims-hub " + version.group(1) + System.lineSeparator());
    }

    @Test
    void an_unknown_command_points_to_help_with_status_2() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "claims-hub: unknown command 'frobnicate'", "Run 'claims-hub --help' for the list of commands.");
    }
}
