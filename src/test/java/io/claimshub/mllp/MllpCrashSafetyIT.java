package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubProcess;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a hub (a child JVM, {@code destroyForcibly}) while an EHR streams messages to it: every
 * message that got AA must be in the ledger exactly once after the restart, and resending the ones
 * that got no acknowledgement completes the set without duplicates.
 */
class MllpCrashSafetyIT {

    private static final int MESSAGES = 400;

    @TempDir
    Path workDir;

    @Test
    void every_acknowledged_message_survives_a_kill_and_resends_complete_the_set_once() throws Exception {
        HubProcess hub = hub();
        int port = hub.mllpPort();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(Dft.message().controlId("CRASH-" + i).clm01("CR" + i).build());
        }
        List<Integer> acknowledged = new ArrayList<>();
        hub.start().awaitListening();
        try {
            AtomicInteger sent = new AtomicInteger();
            Thread killer = new Thread(() -> {
                await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= MESSAGES / 4);
                killQuietly(hub);
            });
            killer.start();
            try (MllpTestClient client = new MllpTestClient(port, 10_000)) {
                for (int i = 0; i < MESSAGES; i++) {
                    sent.incrementAndGet();
                    String ack = client.send(messages.get(i));
                    assertThat(code(ack)).isEqualTo("AA");
                    acknowledged.add(i);
                }
            } catch (IOException killed) {
                // the hub died mid-stream: what follows got no acknowledgement
            }
            killer.join();
        } finally {
            hub.kill();
        }
        assertThat(acknowledged.size()).as("the kill came mid-stream").isBetween(MESSAGES / 4 - 1, MESSAGES - 1);

        try (LedgerDatabase db = LedgerDatabase.open(hub.setup().h2LedgerUrl(), "sa", "")) {
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), Clock.systemUTC());
            for (int i : acknowledged) {
                assertThat(ledger.findByClm01("sunrise", "CR" + i)).as("CR" + i + " got AA").hasSize(1);
            }
        }

        hub.start().awaitListening();
        try (MllpTestClient client = new MllpTestClient(port, 10_000)) {
            for (int i = acknowledged.size(); i < MESSAGES; i++) {
                assertThat(code(client.send(messages.get(i)))).isEqualTo("AA");
            }
            assertThat(code(client.send(messages.get(0)))).as("a resend of an acknowledged message").isEqualTo("AA");
        } finally {
            hub.stop();
        }
        // The payer's batch waits an hour, so the claims went out only because a stopped hub (SIGTERM)
        // writes what waits before it exits.
        assertThat(hub.logText()).doesNotContain("batch not written");
        try (LedgerDatabase db = LedgerDatabase.open(hub.setup().h2LedgerUrl(), "sa", "")) {
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), Clock.systemUTC());
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(ledger.findByClm01("sunrise", "CR" + i)).as("CR" + i).singleElement()
                        .extracting(ClaimQueries.ClaimRecord::status).isEqualTo(ClaimStatus.DELIVERED);
            }
        }
    }

    /** The hub in a JVM of its own; its acme batch waits an hour, so only a stop writes it. */
    private HubProcess hub() {
        HubProcess hub = new HubProcess("hub", workDir, "e2e/config")
                .property("claimshub.mllp.max-connections", "4")
                .property("claimshub.mllp.idle-timeout", "60000")
                .property("claimshub.inbox.poll-delay", "500")
                .property("claimshub.inbox.read-lock-interval", "200")
                .property("claimshub.inbox.read-lock-min-age", "200");
        return hub.configFile("payers.yaml", Fixtures.read(hub.configDir().resolve("payers.yaml"))
                .replace("batch: { maxClaims: 2, every: 1h }", "batch: { maxClaims: 5000, every: 1h }"));
    }

    /** {@code kill -9} from the killer thread: no shutdown hook, nothing flushed. */
    private static void killQuietly(HubProcess hub) {
        try {
            hub.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
