package io.claimshub.delivery;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.testing.FreePorts;
import io.claimshub.testing.SftpTestServer;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.claimshub.delivery.DeliveryTestBed.FAST_RETRY;
import static io.claimshub.delivery.DeliveryTestBed.content;
import static io.claimshub.delivery.DeliveryTestBed.sftpPayer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery to a real SFTP server (Apache MINA SSHD) on loopback, with a real user, password and ed25519 key. */
class SftpDeliveryTest {

    private static final Map<String, String> ENV = Map.of("ACME_SFTP_PASSWORD", SftpTestServer.PASSWORD,
            "WRONG_PASSWORD", "not-the-password");

    @TempDir
    Path dir;

    private DeliveryTestBed bed;
    private SftpTestServer server;
    private Path key;
    private Path knownHosts;
    private KeyPair hostKey;
    private PublicKey userKey;

    @BeforeEach
    void startServer() throws Exception {
        bed = new DeliveryTestBed(dir);
        key = dir.resolve("secrets/acme_ed25519");
        userKey = SftpTestServer.newUserKey(key);
        hostKey = SftpTestServer.newHostKey();
        server = new SftpTestServer(dir.resolve("sftp-root"), hostKey, userKey).start();
        knownHosts = Files.writeString(dir.resolve("secrets/known_hosts"), server.knownHostsLine() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
        server.close();
    }

    private PayerConfig acme(boolean rename) {
        return sftpPayer("acme", server, knownHosts, key, null, rename, true, "/inbound", "{file}", FAST_RETRY);
    }

    @Test
    void uploads_with_an_ed25519_key_under_a_temporary_name_and_renames_it_into_place() throws Exception {
        String content = content(5_000);
        BatchLedger.Batch batch = bed.writtenBatch("acme", content);
        DeliveryService service = bed.service(ENV, acme(true));

        DeliveryLedger.Delivery done = bed.runUntilFinal(service, batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(done.destination()).isEqualTo("sftp://127.0.0.1:" + server.port() + "/inbound/" + batch.fileName());
        assertThat(server.files()).containsExactly("inbound/" + batch.fileName());
        assertThat(Files.readString(server.root().resolve("inbound/" + batch.fileName()))).isEqualTo(content);
        assertThat(server.renames()).isEqualTo(1);
        assertThat(bed.claimStatuses(batch.id())).containsOnly(ClaimStatus.DELIVERED);
        assertThat(bed.history(batch.id())).containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED,
                ClaimStatus.SENDING, ClaimStatus.DELIVERED);
        assertThat(bed.ledger.attempts(batch.id())).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo("DELIVERED"))
                .satisfies(a -> assertThat(a.finishedAt()).isNotNull());
        // the ledger is marked first, the file moved just after
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> java.nio.file.Files.exists(bed.dataDir.resolve("sent/acme/" + batch.fileName())));
        assertThat(bed.dataDir.resolve("outgoing/acme/" + batch.fileName())).doesNotExist();
    }

    @Test
    void writes_the_final_name_directly_when_the_payer_forbids_renames() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(2_000));
        DeliveryService service = bed.service(ENV, acme(false));

        assertThat(bed.runUntilFinal(service, batch.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);

        assertThat(server.renames()).isZero();
        assertThat(server.files()).containsExactly("inbound/" + batch.fileName());
    }

    @Test
    void logs_in_with_a_password_from_the_environment_names_the_file_by_template_and_creates_the_directory() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        PayerConfig payer = sftpPayer("acme", server, knownHosts, null, "ACME_SFTP_PASSWORD", true, true,
                "/in/claims", "{payer}_{isa13}.x12", FAST_RETRY);

        assertThat(bed.runUntilFinal(bed.service(ENV, payer), batch.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);

        assertThat(server.files()).containsExactly(String.format("in/claims/acme_%09d.x12", batch.interchangeControlNumber()));
    }

    @Test
    void does_not_create_a_missing_directory_when_told_not_to_and_says_so() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        PayerConfig payer = sftpPayer("acme", server, knownHosts, key, null, true, false, "/missing", "{file}", FAST_RETRY);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, payer), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.lastError()).contains("no such file or directory").contains("directory /missing");
        assertThat(server.files()).isEmpty();
    }

    @Test
    void a_wrong_password_is_reported_clearly_and_the_batch_goes_to_the_dead_letter_area_after_the_last_attempt() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        PayerConfig payer = sftpPayer("acme", server, knownHosts, null, "WRONG_PASSWORD", true, true, "/inbound",
                "{file}", FAST_RETRY);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, payer), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastError()).startsWith("authentication failed for user sunrise at 127.0.0.1:" + server.port());
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(bed.claimStatuses(batch.id())).containsOnly(ClaimStatus.DEAD);
        Path dead = bed.dataDir.resolve("dead/acme/" + batch.fileName());
        assertThat(dead).exists();
        assertThat(Path.of(dead + ".reason.txt")).content().contains("authentication failed").contains("redeliver " + batch.fileName());
        assertThat(server.files()).isEmpty();
    }

    @Test
    void a_key_the_server_does_not_know_is_refused_and_the_batch_ends_dead() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        Path otherKey = dir.resolve("secrets/other_ed25519");
        SftpTestServer.newUserKey(otherKey);
        PayerConfig payer = sftpPayer("acme", server, knownHosts, otherKey, null, true, true, "/inbound", "{file}", FAST_RETRY);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, payer), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.lastError()).contains("authentication failed for user sunrise").contains("privateKeyFile " + otherKey);
    }

    @Test
    void refuses_a_server_whose_host_key_is_not_in_the_known_hosts_file() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        Files.writeString(knownHosts, "");

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.lastError()).contains("host key of 127.0.0.1:" + server.port() + " is unknown")
                .contains("refusing to connect");
        assertThat(server.files()).isEmpty();
    }

    @Test
    void refuses_a_server_whose_host_key_changed() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        try (SftpTestServer impostor = new SftpTestServer(dir.resolve("impostor-root"), SftpTestServer.newHostKey(), userKey)) {
            server.stop();
            impostor.start(server.port());

            DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

            assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
            assertThat(done.lastError()).contains("host key of 127.0.0.1:" + server.port() + " has CHANGED")
                    .contains("refusing to connect");
            assertThat(impostor.files()).isEmpty();
        }
    }

    @Test
    void a_server_that_is_down_at_first_gets_the_file_exactly_once_when_it_comes_up() throws Exception {
        server.stop();
        int port = FreePorts.next();
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(3_000));
        PayerConfig.Retry patient = new PayerConfig.Retry(100, Duration.ofMillis(20), Duration.ofMillis(50));
        DeliveryService service = bed.service(ENV, sftpPayer("acme", port, knownHosts, key, patient));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            service.tick();
            return bed.ledger.attempts(batch.id()).stream().filter(a -> "FAILED".equals(a.outcome())).count() >= 2;
        });
        assertThat(bed.ledger.delivery(batch.id()).orElseThrow().lastError()).startsWith("cannot connect to 127.0.0.1:" + port);
        assertThat(bed.claimStatuses(batch.id())).containsOnly(ClaimStatus.SENDING);

        try (SftpTestServer late = new SftpTestServer(dir.resolve("sftp-root"), hostKey, userKey).start(port)) {
            Files.writeString(knownHosts, late.knownHostsLine() + "\n");
            assertThat(bed.runUntilFinal(service, batch.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);
            assertThat(late.files()).containsExactly("inbound/" + batch.fileName());
            assertThat(late.opensForWrite()).isEqualTo(1);
            assertThat(late.renames()).isEqualTo(1);
        }
    }

    @Test
    void a_connection_dropped_mid_transfer_is_retried_and_leaves_one_complete_file_and_no_partial_one() throws Exception {
        String content = content(300_000);
        BatchLedger.Batch batch = bed.writtenBatch("acme", content);
        server.dropConnectionOnNextWrite();

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome)
                .containsExactly("FAILED", "DELIVERED");
        assertThat(server.files()).containsExactly("inbound/" + batch.fileName());
        assertThat(Files.readString(server.root().resolve("inbound/" + batch.fileName()))).isEqualTo(content);
    }

    @Test
    void after_a_restart_an_upload_that_was_renamed_before_the_stop_is_not_sent_again() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(1_000));
        bed.ledger.enqueueWritten(List.of("acme"));
        bed.ledger.startAttempt(batch.id()).orElseThrow(); // the hub stopped during this attempt, after the rename
        Files.createDirectories(server.root().resolve("inbound"));
        Files.copy(bed.dataDir.resolve("outgoing/acme/" + batch.fileName()), server.root().resolve("inbound/" + batch.fileName()));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(server.opensForWrite()).isZero();
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome)
                .containsExactly("INTERRUPTED", "DELIVERED");
        assertThat(bed.history(batch.id())).containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED,
                ClaimStatus.SENDING, ClaimStatus.DELIVERED);
    }

    @Test
    void after_a_restart_an_upload_interrupted_before_the_rename_is_done_again() throws Exception {
        String content = content(10_000);
        BatchLedger.Batch batch = bed.writtenBatch("acme", content);
        bed.ledger.enqueueWritten(List.of("acme"));
        bed.ledger.startAttempt(batch.id()).orElseThrow(); // the hub stopped halfway through the upload
        Files.createDirectories(server.root().resolve("inbound"));
        Files.writeString(server.root().resolve("inbound/." + batch.fileName() + ".part"), content.substring(0, 4_000));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(server.files()).containsExactly("inbound/" + batch.fileName());
        assertThat(Files.readString(server.root().resolve("inbound/" + batch.fileName()))).isEqualTo(content);
    }

    @Test
    void keeps_one_connection_for_many_files_and_replaces_it_when_the_server_restarts() throws Exception {
        DeliveryService service = bed.service(ENV, acme(true));
        BatchLedger.Batch first = bed.writtenBatch("acme", content(100));
        BatchLedger.Batch second = bed.writtenBatch("acme", content(100));
        bed.runUntilFinal(service, first.id());
        bed.runUntilFinal(service, second.id());
        assertThat(server.sessions()).isEqualTo(1);

        server.stop();
        server.start(server.port());
        BatchLedger.Batch third = bed.writtenBatch("acme", content(100));

        assertThat(bed.runUntilFinal(service, third.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(bed.ledger.attempts(third.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("DELIVERED");
        assertThat(server.files()).hasSize(3);
    }
    @Test
    void a_file_already_under_its_final_name_is_not_sent_again_even_by_a_first_attempt() throws Exception {
        // the ledger lost the delivery (a redeliver of a file the payer already has): a final name appears only by
        // a rename, so the file there is this batch, complete
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(1_000));
        Files.createDirectories(server.root().resolve("inbound"));
        Files.copy(bed.dataDir.resolve("outgoing/acme/" + batch.fileName()), server.root().resolve("inbound/" + batch.fileName()));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(server.opensForWrite()).isZero();
        assertThat(bed.ledger.attempts(batch.id())).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("already complete on the server"));
    }

    @Test
    void without_renames_a_resumed_attempt_writes_the_whole_file_over_a_partial_one() throws Exception {
        String content = content(10_000);
        BatchLedger.Batch batch = bed.writtenBatch("acme", content);
        bed.ledger.enqueueWritten(List.of("acme"));
        bed.ledger.startAttempt(batch.id()).orElseThrow(); // the hub stopped halfway through writing the final name
        Files.createDirectories(server.root().resolve("inbound"));
        Files.writeString(server.root().resolve("inbound/" + batch.fileName()), content.substring(0, 4_000));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(false)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(server.files()).containsExactly("inbound/" + batch.fileName());
        assertThat(Files.readString(server.root().resolve("inbound/" + batch.fileName()))).isEqualTo(content);
    }

    @Test
    void two_payers_on_one_server_and_directory_each_log_in_with_their_own_credentials() throws Exception {
        BatchLedger.Batch good = bed.writtenBatch("acme", content(100));
        BatchLedger.Batch refused = bed.writtenBatch("beta", content(100));
        PayerConfig beta = sftpPayer("beta", server, knownHosts, null, "WRONG_PASSWORD", true, true, "/inbound",
                "{file}", FAST_RETRY);
        DeliveryService service = bed.service(ENV, acme(true), beta);

        assertThat(bed.runUntilFinal(service, good.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(bed.runUntilFinal(service, refused.id()).lastError())
                .startsWith("authentication failed for user sunrise at 127.0.0.1:" + server.port() + " with the configured password");
        assertThat(server.files()).containsExactly("inbound/" + good.fileName());
    }

    @Test
    void a_missing_known_hosts_file_is_the_attempts_error_and_nothing_connects() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        Files.delete(knownHosts);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(true)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.lastError()).startsWith("payer 'acme' delivery: knownHostsFile " + knownHosts + " is not a readable file");
        assertThat(server.sessions()).isZero();
    }
}
