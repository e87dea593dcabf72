package io.claimshub.cluster;

import io.claimshub.testing.HubProcess;
import io.claimshub.ledger.LedgerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 is the single-hub ledger: a second hub started on the same H2 file is refused at start with a
 * message that says what to do, and exits, instead of failing later or half-starting.
 */
class H2SecondHubIT {

    @TempDir
    Path workDir;

    @Test
    void a_second_hub_on_an_h2_ledger_in_use_is_refused_with_a_clear_message() throws Exception {
        // the first hub: any process holding the ledger file, here this test's JVM
        try (LedgerDatabase first = LedgerDatabase.open("jdbc:h2:file:" + workDir.resolve("data/ledger/claims")
                + ";WRITE_DELAY=0", "sa", "");
             HubProcess second = new HubProcess("second", workDir, "e2e/config").start()) {
            assertThat(second.waitFor(120)).as("exit status of the second hub").isNotIn(0, -1);
            assertThat(second.logText())
                    .contains("the H2 ledger " + workDir.resolve("data/ledger/claims").toAbsolutePath().normalize()
                            + " is in use by another claims-hub")
                    .contains("H2 serves one hub at a time")
                    .contains("several hubs need PostgreSQL (docs/cluster.md)");
        }
    }
}
