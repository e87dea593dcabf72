package io.claimshub.e2e;

import io.claimshub.testing.FreePorts;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.Dft;
import io.claimshub.ledger.LedgerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator stops the hub (SIGTERM to a real child JVM) while it is in the middle of a large inbox
 * file; the next start finishes the file, and every message of it is a claim exactly once.
 */
class InboxStopIT {

    private static final int MESSAGES = 5_000;
    private static final Pattern ACCEPTED = Pattern.compile("claim accepted clinic=sunrise");

    @TempDir
    Path workDir;

    private final int mllpPort = FreePorts.next();

    @Test
    void a_stop_in_the_middle_of_a_file_leaves_it_for_the_next_start_which_finishes_it_without_doubles() throws Exception {
        writeConfig();
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        Path part = inbox.resolve("large.hl7.part");
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= MESSAGES; i++) {
                out.write(Dft.message().controlId("L" + i).clm01("LARGE" + i).build());
            }
        }
        int stopAfter = ThreadLocalRandom.current().nextInt(50, MESSAGES / 2);

        Process hub = startHub("hub-1.log");
        try {
            Files.move(part, inbox.resolve("large.hl7"));
            await().atMost(Duration.ofMinutes(3)).until(() -> accepted("hub-1.log") >= stopAfter || !hub.isAlive());
            hub.destroy();
            assertThat(hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the hub stopped").isTrue();
        } finally {
            hub.destroyForcibly().waitFor();
        }
        int before = accepted("hub-1.log");
        assertThat(before).as("stopped in the middle of the file (after %d claims)", stopAfter)
                .isBetween(stopAfter, MESSAGES - 1);
        assertThat(inbox.resolve("large.hl7")).as("the file in progress stays in the inbox").exists();
        assertThat(Fixtures.files(inbox.resolve(".error"))).isEmpty();

        Process restarted = startHub("hub-2.log");
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> Fixtures.files(inbox.resolve(".done")).size() == 1
                    || !restarted.isAlive());
            restarted.destroy();
            restarted.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            restarted.destroyForcibly().waitFor();
        }
        assertThat(Fixtures.files(inbox.resolve(".done"))).as(() -> "the file was finished:\n" + tail("hub-2.log")).hasSize(1);
        assertThat(accepted("hub-2.log")).as("the restart took only what was left").isEqualTo(MESSAGES - before);
        Matcher processed = Pattern.compile("file processed clinic=sunrise file=large.hl7 .*duplicates=(\\d+)")
                .matcher(Files.readString(workDir.resolve("hub-2.log")));
        assertThat(processed.find()).isTrue();
        assertThat(processed.group(1)).as("no message was read twice").isEqualTo("0");

        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), "sa", "");
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT COUNT(*), COUNT(DISTINCT clm01) FROM claim WHERE clinic_id = 'sunrise'")) {
            row.next();
            assertThat(row.getInt(1)).as("claims").isEqualTo(MESSAGES);
            assertThat(row.getInt(2)).as("distinct CLM01").isEqualTo(MESSAGES);
        }
    }

    private int accepted(String log) throws IOException {
        Path file = workDir.resolve(log);
        if (!Files.exists(file)) {
            return 0;
        }
        Matcher matcher = ACCEPTED.matcher(Files.readString(file));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private String ledgerUrl() {
        return "jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0";
    }

    private void writeConfig() throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.copy(Path.of("src/test/resources/e2e/config/clinics.yaml"), config.resolve("clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Files.readString(Path.of("src/test/resources/e2e/config/payers.yaml"))
                .replace("batch: { maxClaims: 2, every: 1h }", "batch: { maxClaims: 5000, every: 1h }"));
        // the shipped settings, then this test's (the last value of a key wins)
        Files.writeString(config.resolve("application.properties"), Files.readString(Path.of("config/application.properties"))
                + String.join("\n", "",
                "camel.main.routes-include-pattern = classpath:routes/*.camel.yaml",
                "claimshub.data-dir = data",
                "claimshub.ledger.url = " + ledgerUrl(),
                "claimshub.ledger.user = sa",
                "claimshub.ledger.password =",
                "claimshub.inbox.poll-delay = 200",
                "claimshub.inbox.stable-window = 500ms",
                "claimshub.batch.tick = 200",
                "claimshub.mllp.host = 127.0.0.1",
                "claimshub.mllp.port = " + mllpPort,
                "camel.component.mllp.log-phi = false",
                "camel.server.enabled = true",
                "camel.server.host = 127.0.0.1",
                "camel.server.port = 0",
                "camel.management.port = " + FreePorts.next(), ""));
    }

    private Process startHub(String log) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.claimshub.ClaimsHub", "run", "--config", "config")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).until(() -> started(log) || !process.isAlive());
        assertThat(process.isAlive()).as(() -> "the hub did not start:\n" + tail(log)).isTrue();
        return process;
    }

    /** Listening on its MLLP port: the routes are up (the log is written in batches, so it is no signal). */
    private boolean started(String log) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", mllpPort)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String tail(String log) {
        try {
            String text = Files.readString(workDir.resolve(log));
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
