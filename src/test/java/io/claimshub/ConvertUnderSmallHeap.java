package io.claimshub;

import io.claimshub.intake.GeneratedInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code convert} on a huge generated input fed through a named pipe, so that nothing is written
 * to disk; {@link ConvertMemoryIT} starts it in a JVM with a small heap. Prints {@code status=N}.
 */
public final class ConvertUnderSmallHeap {

    private static final String MSH = "MSH|^~\\&|EHR|SUNRISE|CLAIMSHUB|HUB|20261101120000||DFT^P03^DFT_P03|BIG1|P|2.5.1";

    private ConvertUnderSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("convert-heap");
        Path pipe = dir.resolve(args[0].startsWith("json") ? "input.json" : "input.hl7");
        if (new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        InputStream input = switch (args[0]) {
            case "hl7-line" -> GeneratedInput.of(MSH + "|", "x".repeat(1000), 500_000, "\r");
            case "hl7-segments" -> GeneratedInput.of(MSH + "\r", "FT1|1|A-1||20261020||CG|99213^^C4|||1|1.00\r", 1_000_000, "");
            case "json-lines" -> GeneratedInput.of("[{\"lines\":[", "{\"procedureCode\":\"99213\"},", 1_000_000, "{}]}]");
            default -> throw new IllegalArgumentException(args[0]);
        };
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                input.transferTo(out);
            } catch (IOException readerStoppedEarly) {
                // the reader may stop before the end of the input (broken pipe)
            }
        });
        writer.setDaemon(true);
        writer.start();
        int status = ClaimsHub.run(List.of("convert", "--config", "config", "--clinic", "sunrise", "--out",
                dir.resolve("out").toString(), pipe.toString()), System.out, System.err);
        System.out.println("status=" + status);
        System.exit(0);
    }
}
