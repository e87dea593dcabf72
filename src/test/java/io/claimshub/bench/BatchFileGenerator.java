package io.claimshub.bench;

import io.claimshub.hl7.Hl7MessageFactory;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an FHS/BHS HL7 batch file of N generated DFT^P03 messages, for the memory check of
 * {@code convert} (see BENCHMARKS.md):
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.BatchFileGenerator -Dexec.args="100000 /tmp/batch-100k.hl7"</pre>
 */
public final class BatchFileGenerator {

    private BatchFileGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Hl7MessageFactory(7).writeBatch(out, count);
        }
        System.out.printf("wrote %d messages to %s (%,d bytes)%n", count, file, Files.size(file));
    }
}
