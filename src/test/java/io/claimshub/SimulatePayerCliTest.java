package io.claimshub;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatePayerCliTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return ClaimsHub.run(List.of(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void simulate_payer_without_a_config_file_is_a_usage_error() throws Exception {
        assertThat(run("simulate-payer")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("simulate-payer needs --config FILE");
    }

    @Test
    void simulate_payer_names_the_missing_secret_and_does_not_start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PAYER_SIM_SFTP_PASSWORD") == null);

        assertThat(run("simulate-payer", "--config", "config/simulator.yaml")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("PAYER_SIM_SFTP_PASSWORD (passwordEnv) is not set");
    }

    @Test
    void help_lists_the_simulator() throws Exception {
        assertThat(run("help")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("simulate-payer --config FILE");
    }
}
