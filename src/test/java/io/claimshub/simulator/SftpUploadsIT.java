package io.claimshub.simulator;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Uploads the way camel-ftp does them (temporary name, then rename), with a key login instead of a password. */
class SftpUploadsIT {

    @TempDir
    Path base;

    @Test
    void a_key_user_uploading_under_a_temporary_name_is_answered_after_the_rename_and_junk_is_set_aside() throws Exception {
        KeyPair hubKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path authorized = base.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeyEntry.toString(hubKey.getPublic()) + " hub\n");
        Path root = base.resolve("sftp");
        SimulatorConfig config = new SimulatorConfig("127.0.0.1", "ACME", "60054", 0, base.resolve("host-key.pem"),
                root, root.resolve("inbound"), root.resolve("outbound"),
                List.of(new SimulatorConfig.User("hub", null, authorized)), null, null,
                new SimulatorRules(null, null, null, new BigDecimal("0.8"), BigDecimal.ZERO, "96"), Duration.ofMillis(50));
        SshClient client = SshClient.setUpDefaultClient();
        try (PayerSimulator simulator = new PayerSimulator(config, Clock.systemUTC()).start()) {
            client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, simulator.hostKey()));
            client.start();
            try (ClientSession session = client.connect("hub", "127.0.0.1", simulator.sftpPort())
                    .verify(Duration.ofSeconds(10)).getSession()) {
                session.addPublicKeyIdentity(hubKey);
                session.auth().verify(Duration.ofSeconds(10));
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    try (OutputStream out = sftp.write("/inbound/batch-7.837.tmp")) {
                        out.write(SimulatorFixtures.write837(7, SimulatorFixtures.claim("K1", "W1", "10.00")));
                    }
                    assertThat(Files.list(config.outbound()).toList()).isEmpty();
                    sftp.rename("/inbound/batch-7.837.tmp", "/inbound/batch-7.837");
                    try (OutputStream out = sftp.write("/inbound/notes.txt")) {
                        out.write("not a claim file".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(config.outbound().resolve("batch-7.835")));
            assertThat(config.outbound().resolve("batch-7.999")).exists();
            assertThat(root.resolve("failed/notes.txt")).exists();
            assertThat(Files.readString(root.resolve("failed/notes.txt.reason.txt"))).contains("no readable ISA");
            assertThat(simulator.httpPort()).isEqualTo(-1);
        } finally {
            client.stop();
        }
    }
}
