package io.claimshub.ledger;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.H2TcpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's database goes away and comes back while the hub runs: messages meanwhile get no
 * acknowledgement (the EHR sends them again) and the log gets a line per flow (MLLP, batches,
 * deliveries, notices) without stack traces, not one per message or tick; once the database is back the hub is ready and answers AA again, without a restart.
 */
class LedgerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void the_hub_recovers_by_itself_and_logs_the_outage_a_few_times_not_once_per_message() throws Exception {
        try (H2TcpServer database = new H2TcpServer(workDir.resolve("h2"));
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.ledger.url", database.ledgerUrl())
                .withProperty("claimshub.observe.ledger-timeout", "500").start()) {
            await().atMost(WAIT).until(() -> status(hub) == 200);
            database.stop();
            try (LogCapture log = new LogCapture()) {
                for (int i = 0; i < 10; i++) {
                    try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort(), 3000)) {
                        String ack = ehr.send(Dft.message().controlId("OUT-" + i).clm01("OUT" + i).build());
                        assertThat(code(ack)).as("never AA without the ledger").isNotEqualTo("AA");
                    } catch (IOException noAnswer) {
                        // expected: no acknowledgement while the ledger is away
                    }
                }
                // the hub gives up on each message once the pool stops waiting for a connection (30 s)
                await().atMost(Duration.ofSeconds(90)).until(() -> log.text().contains("(route mllp-intake:"));
                String text = log.text();
                // (connections the EHR gave up on may meet the per-address limit: that line is the listener's, not the ledger's)
                assertThat(text.lines().filter(l -> l.startsWith("ERROR") || l.startsWith("WARN"))
                        .filter(l -> !l.contains("ConnectionGuard")).count())
                        // one line per source that meets the outage (mllp-intake and the claims-batch,
                        // encounters-release and delivery timers, the node lease) and at most one repeat after the
                        // 30 s throttle window: fewer lines than messages, and no stack trace
                        .as("log lines for 10 messages:%n%s", text).isLessThanOrEqualTo(6);
                assertThat(text).doesNotContain("\tat ");
            }
            database.start();
            await().atMost(WAIT).until(() -> status(hub) == 200);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort(), 5000)) {
                    assertThat(code(ehr.send(Dft.message().controlId("BACK-1").clm01("BACK1").build()))).isEqualTo("AA");
                }
            });
        }
    }

    private static int status(HubHarness hub) throws Exception {
        return hub.observe("/health/ready").statusCode();
    }
}
