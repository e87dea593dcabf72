package io.claimshub;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code convert} on inputs hundreds of times larger than its heap (a JVM with 64 MB): each ends in a
 * one-line reason and an exit status, never an OutOfMemoryError or a stack trace.
 */
class ConvertMemoryIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hl7-line     | 1 | input.hl7 message #1 (MSH-10 BIG1): rejected: message: the message has 5000000",
            "hl7-segments | 1 | input.hl7 message #1 (MSH-10 BIG1): rejected: message: the message has 4",
            "json-lines   | 1 | input.json message #1: rejected: claim #1: field 'lines' has more than 1000 entries (the limit)"})
    void a_huge_input_is_refused_with_a_reason_in_a_small_heap(String input, int status, String reason) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), ConvertUnderSmallHeap.class.getName(), input)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(output).as(output).contains(reason).contains("status=" + status)
                .doesNotContain("OutOfMemoryError").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
