package io.claimshub.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatePayerCommandTest {

    @TempDir
    Path dir;

    @Test
    void the_known_hosts_line_replaces_the_file_and_creates_its_folder() throws Exception {
        Path file = dir.resolve("secrets/known_hosts");
        SimulatePayerCommand.writeKnownHosts(file, "[127.0.0.1]:2222 ecdsa-sha2-nistp256 OLD");
        SimulatePayerCommand.writeKnownHosts(file, "[127.0.0.1]:2222 ecdsa-sha2-nistp256 NEW");

        assertThat(Files.readString(file)).isEqualTo("[127.0.0.1]:2222 ecdsa-sha2-nistp256 NEW\n");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void sftp_known_hosts_file_in_the_config_resolves_against_the_base_folder_and_is_optional() throws Exception {
        Path with = Files.writeString(dir.resolve("with.yaml"),
                "sftp: { users: [ { name: hub, passwordEnv: PW } ], knownHostsFile: out/known_hosts }\n");
        Path without = Files.writeString(dir.resolve("without.yaml"), "sftp: { users: [ { name: hub, passwordEnv: PW } ] }\n");

        assertThat(SimulatorConfig.load(with, Map.of("PW", "x")::get, dir).knownHostsFile())
                .isEqualTo(dir.resolve("out/known_hosts"));
        assertThat(SimulatorConfig.load(without, Map.of("PW", "x")::get, dir).knownHostsFile()).isNull();
    }
}
