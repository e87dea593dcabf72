package io.claimshub.cli;

import io.claimshub.testing.FreePorts;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code claims-hub run} as a user starts it: a JVM of its own (so {@code System.exit}, the uncaught
 * exception handler and the real log configuration are all in play), in a working directory with the
 * shipped config and ports of its own. Each case is a start-up mistake that must end in one line and a
 * documented exit status, not a stack trace or a hub that runs half-started.
 */
class HubStartupIT {

    /** Only "does not hang": a fixed hub exits within a few seconds even on a loaded machine. */
    private static final long HANG_SECONDS = 120;

    @TempDir
    Path workDir;

    private final int httpPort = FreePorts.next();
    private final int mllpPort = FreePorts.next();
    private final int managementPort = FreePorts.next();

    @Test
    void a_busy_http_port_stops_the_start_with_one_line_naming_the_key() throws Exception {
        assertBusyPortFailsFast(httpPort, "claimshub.http.port");
    }

    @Test
    void a_busy_mllp_port_stops_the_start_with_one_line_naming_the_key() throws Exception {
        assertBusyPortFailsFast(mllpPort, "claimshub.mllp.port");
    }

    @Test
    void a_busy_management_port_stops_the_start_with_one_line_naming_the_key() throws Exception {
        assertBusyPortFailsFast(managementPort, "camel.management.port");
    }

    private void assertBusyPortFailsFast(int busyPort, String key) throws Exception {
        writeConfig();
        try (ServerSocket otherProgram = new ServerSocket()) {
            otherProgram.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), busyPort));

            Result result = claimsHub("run", "--config", workDir.resolve("config").toString());

            assertThat(result.status()).as(result.toString()).isEqualTo(3);
            assertThat(result.stderr()).containsExactly(
                    "claims-hub: port " + busyPort + " is in use: set " + key + " or stop the other program");
            assertThat(result.stdout()).as("no stack trace in the log either")
                    .noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("Caused by"));
        }
    }

    @Test
    void a_config_error_at_run_is_one_line_with_status_2_and_no_stack_trace() throws Exception {
        writeConfig();
        Files.writeString(workDir.resolve("config/clinics.yaml"), "  - bogus: [\n", java.nio.file.StandardOpenOption.APPEND);

        Result result = claimsHub("run", "--config", workDir.resolve("config").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).singleElement().asString()
                .startsWith("claims-hub: clinics.yaml: line ")
                .contains("YAML syntax error");
        assertThat(result.stdout()).noneMatch(line -> line.contains("Exception") || line.startsWith("Caused by"));
    }

    @Test
    void with_debug_a_config_error_also_shows_its_stack_trace() throws Exception {
        writeConfig();
        Files.writeString(workDir.resolve("config/clinics.yaml"), "  - bogus: [\n", java.nio.file.StandardOpenOption.APPEND);

        Result result = claimsHub("run", "--debug", "--config", workDir.resolve("config").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().get(0)).startsWith("claims-hub: clinics.yaml: line ");
        assertThat(result.stderr()).anySatisfy(line -> assertThat(line).contains("io.claimshub.config.ConfigException"))
                .anySatisfy(line -> assertThat(line).startsWith("\tat io.claimshub."));
    }

    @Test
    void a_value_camel_cannot_use_names_the_option_and_the_value_with_status_2() throws Exception {
        writeConfig();
        Files.writeString(workDir.resolve("config/application.properties"), "claimshub.inbox.poll-delay = soon\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result result = claimsHub("run", "--config", workDir.resolve("config").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).containsExactly("claims-hub: route clinic-inbox-sunrise cannot use delay = soon:"
                + " check the key in application.properties that sets it");
    }

    @Test
    void a_ledger_that_cannot_be_reached_is_one_line_with_status_3() throws Exception {
        writeConfig();
        int nobodyListens = FreePorts.next();
        Files.writeString(workDir.resolve("config/application.properties"),
                "claimshub.ledger.url = jdbc:postgresql://127.0.0.1:" + nobodyListens + "/claimshub\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result result = claimsHub("run", "--config", workDir.resolve("config").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).singleElement().asString()
                .startsWith("claims-hub: cannot open the ledger (claimshub.ledger.url): ")
                .contains("127.0.0.1:" + nobodyListens + " refused");
        assertThat(result.stdout()).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    }

    /** The shipped config with this test's own loopback ports, in the working directory. */
    private void writeConfig() throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        for (String name : List.of("application.properties", "clinics.yaml", "payers.yaml")) {
            Files.copy(Path.of("config", name), config.resolve(name));
        }
        Files.writeString(config.resolve("application.properties"), String.join("\n", "",
                "claimshub.http.host = 127.0.0.1",
                "claimshub.http.port = " + httpPort,
                "claimshub.mllp.host = 127.0.0.1",
                "claimshub.mllp.port = " + mllpPort,
                "camel.management.host = 127.0.0.1",
                "camel.management.port = " + managementPort, ""), java.nio.file.StandardOpenOption.APPEND);
    }

    private record Result(int status, List<String> stdout, List<String> stderr) {
    }

    /** Runs {@code java io.claimshub.ClaimsHub ARGS} in the working directory, as bin/claims-hub does. */
    private Result claimsHub(String... args) throws Exception {
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.claimshub.ClaimsHub"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(HANG_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(exited).as("claims-hub did not exit within %d s; stdout:%n%s%nstderr:%n%s", HANG_SECONDS,
                String.join("\n", stdout), String.join("\n", stderr)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }
}
