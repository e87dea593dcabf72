package io.claimshub.batch;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.mllp.MllpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch file that cannot be written (here the payer's folder is a plain file, which stops root too) is
 * shown in the readiness details and the metrics, and written while the hub runs once the folder can be
 * made: no restart needed.
 */
class BatchRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void a_batch_that_could_not_be_written_is_reported_and_written_once_the_folder_is_fixed() throws Exception {
        Path inbound = workDir.resolve("data/payers/medicare/inbound");
        Files.createDirectories(inbound.getParent());
        Files.writeString(inbound, "not a folder");
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
                assertThat(code(ehr.send(Dft.message().controlId("UNW-1").clm01("UNW1").payer("MEDICARE").build())))
                        .isEqualTo("AA");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(hub.observe("/health/ready?data=true").body())
                    .contains("\"medicare.unwrittenBatches\":1").contains("medicare.batchWriteError"));
            assertThat(hub.observe("/metrics").body()).contains("batches_unwritten{payer=\"medicare\"} 1.0");

            Files.delete(inbound);
            await().atMost(WAIT).until(() -> count837(inbound) == 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(hub.observe("/health/ready?data=true").body())
                    .contains("\"medicare.unwrittenBatches\":0"));
            assertThat(hub.observe("/metrics").body()).contains("batches_unwritten{payer=\"medicare\"} 0.0");
        }
    }

    private static long count837(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".837")).count();
        }
    }
}
