package io.claimshub.storage;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.mllp.MllpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the running hub writes about patients is readable by its own user only, whatever the umask: the
 * data folder, the ledger's folder and files, batch files, and the clinic's rejection reports.
 */
class PhiAtRestIT {

    @TempDir
    Path workDir;

    @Test
    void the_ledger_batch_files_and_rejection_reports_are_owner_only() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
                assertThat(code(ehr.send(Dft.message().controlId("PHI-1").clm01("PHI1").payer("MEDICARE").build())))
                        .isEqualTo("AA");
            }
            Path inbox = Files.createDirectories(hub.path("data/clinics/sunrise/inbox"));
            Files.writeString(inbox.resolve(".bad.hl7.tmp"), Dft.message().controlId("PHI-2").clm01("PHI2")
                    .renderingNpi("1234567890").build());
            Files.move(inbox.resolve(".bad.hl7.tmp"), inbox.resolve("bad.hl7"));
            await().atMost(Duration.ofSeconds(30)).until(() -> files(hub.path("data/payers/medicare/inbound"), ".837").size() == 1
                    && files(hub.path("data/clinics/sunrise/outbox"), ".txt").size() == 1);
        }
        assertThat(mode(workDir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(workDir.resolve("data/ledger"))).isEqualTo("rwx------");
        assertThat(mode(workDir.resolve("data/ledger/claims.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(workDir.resolve("data/ledger-id"))).isEqualTo("rw-------");
        Path batch = files(workDir.resolve("data/payers/medicare/inbound"), ".837").get(0);
        assertThat(mode(batch)).isEqualTo("rw-------");
        assertThat(mode(batch.getParent())).as("created by the hub").isEqualTo("rwx------");
        for (Path report : files(workDir.resolve("data/clinics/sunrise/outbox"), "")) {
            assertThat(mode(report)).as(report.getFileName().toString()).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
