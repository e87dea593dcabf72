package io.claimshub.simulator;

import io.claimshub.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    private static final Map<String, String> ENV = Map.of("PAYER_SIM_SFTP_PASSWORD", "s3cret", "PAYER_SIM_HTTP_TOKEN", "tok");

    @Test
    void the_shipped_demo_config_loads_with_its_secrets_from_the_environment(@TempDir Path base) throws Exception {
        SimulatorConfig config = SimulatorConfig.load(Path.of("config/simulator.yaml"), ENV::get, base);

        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.sftpPort()).isEqualTo(2222);
        assertThat(config.httpPort()).isEqualTo(8088);
        assertThat(config.httpToken()).isEqualTo("tok");
        assertThat(config.users()).singleElement().satisfies(user -> {
            assertThat(user.name()).isEqualTo("hub");
            assertThat(user.password()).isEqualTo("s3cret");
        });
        assertThat(config.inbound()).isEqualTo(base.resolve("data/payer-sim/sftp/inbound"));
        assertThat(config.outbound()).isEqualTo(base.resolve("data/payer-sim/sftp/outbound"));
        assertThat(config.payerId()).isEqualTo("60054");
        assertThat(config.rules().paidShare()).isEqualByComparingTo("0.8");
        assertThat(config.rules().denyOver()).isEqualByComparingTo(new BigDecimal("5000"));
        assertThat(config.rules().rejectMemberIds().pattern()).isEqualTo("REJ.*");
        assertThat(config.remitAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.toString()).doesNotContain("s3cret", "tok]");
    }

    @Test
    void every_problem_is_listed_with_its_key(@TempDir Path base) throws IOException {
        Path file = base.resolve("sim.yaml");
        Files.writeString(file, """
                sftp:
                  port: 70000
                  users:
                    - name: hub
                      passwordEnv: MISSING_PASSWORD
                http:
                  tokenEnv: MISSING_TOKEN
                rules:
                  paidShare: 1.5
                  rejectMemberIds: "(["
                timing:
                  remitAfter: soon
                """);

        assertThatThrownBy(() -> SimulatorConfig.load(file, ENV::get, base))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anyMatch(p -> p.contains("MISSING_PASSWORD"))
                        .anyMatch(p -> p.contains("http.tokenEnv") && p.contains("MISSING_TOKEN"))
                        .anyMatch(p -> p.contains("rules.paidShare"))
                        .anyMatch(p -> p.contains("rules.rejectMemberIds"))
                        .anyMatch(p -> p.contains("timing.remitAfter"))
                        .anyMatch(p -> p.contains("sftp.port")));
    }
}
