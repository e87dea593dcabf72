package io.claimshub.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line convert shows on a terminal, on a clock the test moves. */
class ConvertProgressTest {

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(1_000);
    private final ConvertProgress progress = ConvertProgress.onTerminal(
            new PrintStream(terminal, true, StandardCharsets.UTF_8), now::get);

    private String shown() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void nothing_is_shown_in_the_first_two_seconds() {
        advanceSeconds(1);
        progress.update(500, 499);
        progress.clear();

        assertThat(shown()).isEmpty();
    }

    @Test
    void after_two_seconds_one_line_is_rewritten_in_place_at_most_once_a_second() {
        advanceSeconds(2);
        progress.update(8000, 7990);
        progress.update(8001, 7991);
        advanceSeconds(2);
        progress.update(16000, 15990);

        assertThat(shown()).isEqualTo("\r8000 messages read, 7990 claims ready, 4000 messages/s"
                + "\r16000 messages read, 15990 claims ready, 4000 messages/s");
    }

    @Test
    void clearing_blanks_the_line_so_the_next_output_starts_clean() {
        advanceSeconds(2);
        progress.update(10, 10);
        progress.clear();

        String line = "10 messages read, 10 claims ready, 5 messages/s";
        assertThat(shown()).isEqualTo("\r" + line + "\r" + " ".repeat(line.length()) + "\r");
    }
}
