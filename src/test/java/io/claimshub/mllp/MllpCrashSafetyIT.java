package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.FreePorts;
import io.claimshub.testing.Dft;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabase;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
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
        int port = FreePorts.next();
        writeConfig(port);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(Dft.message().controlId("CRASH-" + i).clm01("CR" + i).build());
        }
        List<Integer> acknowledged = new ArrayList<>();
        Process hub = startHub(port);
        try {
            AtomicInteger sent = new AtomicInteger();
            Thread killer = new Thread(() -> {
                await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= MESSAGES / 4);
                hub.destroyForcibly();
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
            hub.destroyForcibly().waitFor();
        }
        assertThat(acknowledged.size()).as("the kill came mid-stream").isBetween(MESSAGES / 4 - 1, MESSAGES - 1);

        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), "sa", "")) {
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), Clock.systemUTC());
            for (int i : acknowledged) {
                assertThat(ledger.findByClm01("sunrise", "CR" + i)).as("CR" + i + " got AA").hasSize(1);
            }
        }

        Process restarted = startHub(port);
        try (MllpTestClient client = new MllpTestClient(port, 10_000)) {
            for (int i = acknowledged.size(); i < MESSAGES; i++) {
                assertThat(code(client.send(messages.get(i)))).isEqualTo("AA");
            }
            assertThat(code(client.send(messages.get(0)))).as("a resend of an acknowledged message").isEqualTo("AA");
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
        // The payer's batch waits an hour, so the claims went out only because a stopped hub (SIGTERM)
        // writes what waits before it exits.
        assertThat(log()).doesNotContain("batch not written");
        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), "sa", "")) {
            ClaimQueries ledger = new ClaimQueries(db.dataSource(), Clock.systemUTC());
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(ledger.findByClm01("sunrise", "CR" + i)).as("CR" + i).singleElement()
                        .extracting(ClaimQueries.ClaimRecord::status).isEqualTo(ClaimStatus.DELIVERED);
            }
        }
    }

    private String ledgerUrl() {
        return "jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0";
    }

    private void writeConfig(int port) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.copy(Path.of("src/test/resources/e2e/config/clinics.yaml"), config.resolve("clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Files.readString(Path.of("src/test/resources/e2e/config/payers.yaml"))
                .replace("batch: { maxClaims: 2, every: 1h }", "batch: { maxClaims: 5000, every: 1h }"));
        Files.writeString(config.resolve("application.properties"), String.join("\n",
                "camel.main.routes-include-pattern = classpath:routes/*.camel.yaml",
                "claimshub.data-dir = data",
                "claimshub.ledger.url = " + ledgerUrl(),
                "claimshub.ledger.user = sa",
                "claimshub.ledger.password =",
                "claimshub.inbox.poll-delay = 500",
                "claimshub.inbox.read-lock-interval = 200",
                "claimshub.inbox.read-lock-min-age = 200",
                "claimshub.batch.tick = 200",
                "claimshub.mllp.host = 127.0.0.1",
                "claimshub.mllp.port = " + port,
                "claimshub.mllp.max-connections = 4",
                "claimshub.mllp.idle-timeout = 60000",
                "claimshub.mllp.receive-timeout = 15000",
                "claimshub.mllp.read-timeout = 5000",
                "claimshub.mllp.max-message-bytes = 1048576",
                "claimshub.mllp.max-frame-bytes = 4194304",
                "camel.component.mllp.log-phi = false",
                "camel.server.enabled = true",
                "camel.server.host = 127.0.0.1",
                "camel.server.port = 0", ""));
    }

    private Process startHub(int port) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.claimshub.ClaimsHub", "run", "--config", "config")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("hub.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) || !process.isAlive());
        assertThat(process.isAlive()).as(() -> "the hub did not start:\n" + log()).isTrue();
        return process;
    }

    private String log() {
        try {
            String log = Files.readString(workDir.resolve("hub.log"));
            return log.substring(Math.max(0, log.length() - 3000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
