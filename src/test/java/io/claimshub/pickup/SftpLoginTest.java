package io.claimshub.pickup;

import io.claimshub.config.PayerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SftpLoginTest {

    @TempDir
    Path dir;

    @Test
    void a_key_login_offers_only_public_key_authentication() throws Exception {
        Path key = Files.writeString(dir.resolve("id_ed25519"), "key");
        SftpLogin login = SftpLogin.of("acme", account(key, null, null, knownHosts()), "/outbound", Map.<String, String>of()::get);

        assertThat(login.privateKeyFile()).isEqualTo(key);
        assertThat(login.password()).isNull();
        assertThat(login.authentication()).isEqualTo("publickey");
    }

    @Test
    void a_password_comes_from_the_named_environment_variable() throws Exception {
        SftpLogin login = SftpLogin.of("acme", account(null, "ACME_SFTP_PASSWORD", null, knownHosts()), "/outbound",
                Map.of("ACME_SFTP_PASSWORD", "pa$$ word")::get);

        assertThat(login.password()).isEqualTo("pa$$ word");
        assertThat(login.authentication()).isEqualTo("password,keyboard-interactive");
    }

    @Test
    void a_password_file_loses_its_final_line_end_only() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), " secret \n");

        SftpLogin login = SftpLogin.of("acme", account(null, null, file, knownHosts()), "/outbound", Map.<String, String>of()::get);

        assertThat(login.password()).isEqualTo(" secret ");
    }

    @Test
    void the_password_never_shows_in_to_string() throws Exception {
        SftpLogin login = SftpLogin.of("acme", account(null, "PW", null, knownHosts()), "/outbound", Map.of("PW", "hunter2")::get);

        assertThat(login.toString()).doesNotContain("hunter2").contains("sunrise@sftp.acme.example:2222");
    }

    @Test
    void an_unset_password_variable_stops_start_up_with_its_name() throws Exception {
        assertThatThrownBy(() -> SftpLogin.of("acme", account(null, "ACME_SFTP_PASSWORD", null, knownHosts()), "/outbound",
                Map.<String, String>of()::get))
                .hasMessage("payer 'acme' replies: the environment variable ACME_SFTP_PASSWORD (passwordEnv) is not set or empty");
    }

    @Test
    void a_missing_known_hosts_file_stops_start_up_with_the_command_that_makes_it() {
        Path missing = dir.resolve("known_hosts");
        assertThatThrownBy(() -> SftpLogin.of("acme", account(null, "PW", null, missing), "/outbound", Map.of("PW", "x")::get))
                .hasMessageContaining("knownHostsFile " + missing + " is not a readable file")
                .hasMessageContaining("ssh-keyscan -t ed25519 -p 2222 sftp.acme.example >> " + missing);
    }

    @Test
    void a_missing_private_key_file_stops_start_up() throws Exception {
        Path missing = dir.resolve("id_ed25519");
        assertThatThrownBy(() -> SftpLogin.of("acme", account(missing, null, null, knownHosts()), "/outbound", Map.<String, String>of()::get))
                .hasMessage("payer 'acme' replies: privateKeyFile " + missing + " is not a readable file");
    }

    private Path knownHosts() throws Exception {
        return Files.writeString(dir.resolve("known_hosts"), "host ssh-ed25519 AAAA\n");
    }

    private static PayerConfig.SftpAccount account(Path key, String passwordEnv, Path passwordFile, Path knownHosts) {
        return new PayerConfig.SftpAccount("sftp.acme.example", 2222, "sunrise", key, passwordEnv, passwordFile,
                knownHosts);
    }
}
