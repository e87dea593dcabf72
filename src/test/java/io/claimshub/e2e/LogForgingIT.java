package io.claimshub.e2e;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Values that come from outside (file names, CLM01s, user names) cannot write a line of their own into
 * the hub's log: control characters in them are escaped by the log layout itself, for every logger.
 */
class LogForgingIT {

    private static final String FORGED = "2026-01-01 00:00:00.000 ERROR [main] ClaimsHub - forged line";

    @TempDir
    Path workDir;

    @Test
    void a_file_name_with_a_newline_writes_no_fake_log_line() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start();
             LogCapture log = LogCapture.withHubLayout()) {
            Path inbox = Files.createDirectories(hub.path("data/clinics/sunrise/inbox"));
            Files.writeString(inbox.resolve("bad\n" + FORGED + ".hl7"), "this is not HL7\r");

            await().atMost(Duration.ofSeconds(30)).until(() -> log.text().contains("forged line"));
            List<String> forgedLines = log.text().lines().filter(line -> line.contains("forged line")).toList();
            assertThat(forgedLines).isNotEmpty().noneMatch(line -> line.startsWith(FORGED));
            assertThat(forgedLines).allMatch(line -> line.contains("bad\\u000a2026-01-01"));
        }
    }

    @Test
    void a_message_with_control_characters_stays_on_one_line_whatever_logs_it() throws Exception {
        try (LogCapture log = LogCapture.withHubLayout()) {
            org.slf4j.LoggerFactory.getLogger("some.library").warn("user={} clm01={}", "eve\r\n" + FORGED,
                    "CLM\u001b[31m\u2028x");
            String text = log.text();
            assertThat(text.lines()).hasSize(1);
            assertThat(text).contains("eve\\u000d\\u000a2026-01-01").contains("CLM\\u001b[31m\\u2028x");
        }
    }

    @Test
    void an_exception_message_with_a_newline_writes_no_fake_log_line_in_the_stack_trace() throws Exception {
        try (LogCapture log = LogCapture.withHubLayout()) {
            Exception cause = new java.io.IOException("cannot rename bad\n" + FORGED);
            org.slf4j.LoggerFactory.getLogger("some.library").error("move failed",
                    new IllegalStateException("wrapped\r\n" + FORGED, cause));
            List<String> lines = log.text().lines().toList();

            assertThat(lines).noneMatch(line -> line.startsWith(FORGED));
            assertThat(lines).anyMatch(line -> line.equals("java.lang.IllegalStateException: wrapped\\u000d\\u000a" + FORGED));
            assertThat(lines).anyMatch(line -> line.equals("Caused by: java.io.IOException: cannot rename bad\\u000a" + FORGED));
            assertThat(lines).anyMatch(line -> line.startsWith("\tat io.claimshub.e2e.LogForgingIT."));
            assertThat(lines).as("the trace is printed once").filteredOn(line -> line.startsWith("Caused by:")).hasSize(1);
        }
    }
}
