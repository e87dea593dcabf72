package io.claimshub.ledger;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.mllp.MllpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A ledger deleted or swapped under the hub must not make it bill everything again: readiness fails
 * while the ledger file is gone, a start on an empty ledger after earlier activity is refused unless
 * the operator says {@code run --new-ledger}, and interchange control numbers continue above the
 * highest one in the payer's files.
 */
class LedgerProtectionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void readiness_fails_once_the_ledger_file_is_deleted_under_the_running_hub() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 200);
            deleteTree(hub.path("data/ledger"));
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 503);
            assertThat(hub.observe("/health/ready").body()).contains("the ledger file ").contains("claims.mv.db is gone");
        }
    }

    @Test
    void an_empty_ledger_after_earlier_activity_is_refused_and_new_ledger_continues_the_control_numbers() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            sendTwoClaims(hub, "FIRST");
            await().atMost(WAIT).until(() -> batchFiles().size() == 1);
        }
        assertThat(batchFiles().get(0).getFileName().toString()).endsWith("-000000001.837");
        assertThat(workDir.resolve("data/ledger-id")).as("marker written at first start").exists();

        deleteTree(workDir.resolve("data/ledger"));
        assertThatThrownBy(() -> new HubHarness(workDir).withConfig("e2e/config").start())
                .hasStackTraceContaining("the ledger is empty but this data folder was used before")
                .hasStackTraceContaining("run --new-ledger");

        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.ledger.start-new", "true").start()) {
            sendTwoClaims(hub, "SECOND");
            await().atMost(WAIT).until(() -> batchFiles().size() == 2);
        }
        assertThat(batchFiles().get(1).getFileName().toString()).as("ISA13 never reused").endsWith("-000000002.837");
    }

    @Test
    void a_ledger_other_than_the_one_this_data_folder_was_used_with_is_refused() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            sendTwoClaims(hub, "OWN");
        }
        Path other = workDir.resolve("other");
        try (HubHarness hub = new HubHarness(other).withConfig("e2e/config").start()) {
            sendTwoClaims(hub, "OTHER");
        }
        Files.copy(other.resolve("data/ledger/claims.mv.db"), workDir.resolve("data/ledger/claims.mv.db"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> new HubHarness(workDir).withConfig("e2e/config").start())
                .hasStackTraceContaining("is not the one this data folder was used with");
    }

    private void sendTwoClaims(HubHarness hub, String prefix) throws IOException {
        try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
            for (int i = 0; i < 2; i++) {
                assertThat(code(ehr.send(Dft.message().controlId(prefix + i).clm01(prefix + i).build()))).isEqualTo("AA");
            }
        }
    }

    private List<Path> batchFiles() throws IOException {
        Path inbound = workDir.resolve("data/payers/acme/inbound");
        if (!Files.isDirectory(inbound)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbound)) {
            return files.filter(f -> f.toString().endsWith(".837")).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
