package io.claimshub.e2e;

import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubProcess;
import io.claimshub.ledger.LedgerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void a_stop_in_the_middle_of_a_file_leaves_it_for_the_next_start_which_finishes_it_without_doubles() throws Exception {
        HubProcess hub = hub();
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        Path part = inbox.resolve("large.hl7.part");
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= MESSAGES; i++) {
                out.write(Dft.message().controlId("L" + i).clm01("LARGE" + i).build());
            }
        }
        int stopAfter = ThreadLocalRandom.current().nextInt(50, MESSAGES / 2);

        hub.logTo("hub-1.log").start().awaitListening();
        try {
            Files.move(part, inbox.resolve("large.hl7"));
            await().atMost(Duration.ofMinutes(3)).until(() -> accepted(hub) >= stopAfter || !hub.isAlive());
            hub.signal("TERM");
            assertThat(hub.waitFor(60)).as("the hub stopped").isNotEqualTo(-1);
        } finally {
            hub.kill();
        }
        int before = accepted(hub);
        assertThat(before).as("stopped in the middle of the file (after %d claims)", stopAfter)
                .isBetween(stopAfter, MESSAGES - 1);
        assertThat(inbox.resolve("large.hl7")).as("the file in progress stays in the inbox").exists();
        assertThat(Fixtures.files(inbox.resolve(".error"))).isEmpty();

        hub.logTo("hub-2.log").start().awaitListening();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> Fixtures.files(inbox.resolve(".done")).size() == 1
                    || !hub.isAlive());
        } finally {
            hub.stop();
        }
        assertThat(Fixtures.files(inbox.resolve(".done"))).as(() -> "the file was finished:\n" + tail(hub)).hasSize(1);
        assertThat(accepted(hub)).as("the restart took only what was left").isEqualTo(MESSAGES - before);
        Matcher processed = Pattern.compile("file processed clinic=sunrise file=large.hl7 .*duplicates=(\\d+)")
                .matcher(hub.logText());
        assertThat(processed.find()).isTrue();
        assertThat(processed.group(1)).as("no message was read twice").isEqualTo("0");

        try (LedgerDatabase db = LedgerDatabase.open(hub.setup().h2LedgerUrl(), "sa", "");
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT COUNT(*), COUNT(DISTINCT clm01) FROM claim WHERE clinic_id = 'sunrise'")) {
            row.next();
            assertThat(row.getInt(1)).as("claims").isEqualTo(MESSAGES);
            assertThat(row.getInt(2)).as("distinct CLM01").isEqualTo(MESSAGES);
        }
    }

    /** Claims the current run has accepted so far, by its log. */
    private static int accepted(HubProcess hub) {
        Matcher matcher = ACCEPTED.matcher(hub.logText());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The hub in a JVM of its own; its acme batch waits for 5,000 claims or an hour. */
    private HubProcess hub() {
        HubProcess hub = new HubProcess("hub", workDir, "e2e/config")
                .property("claimshub.inbox.poll-delay", "200")
                .property("claimshub.inbox.stable-window", "500ms");
        return hub.configFile("payers.yaml", Fixtures.read(hub.configDir().resolve("payers.yaml"))
                .replace("batch: { maxClaims: 2, every: 1h }", "batch: { maxClaims: 5000, every: 1h }"));
    }

    private static String tail(HubProcess hub) {
        String text = hub.logText();
        return text.substring(Math.max(0, text.length() - 3000));
    }
}
