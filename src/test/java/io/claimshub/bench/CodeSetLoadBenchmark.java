package io.claimshub.bench;

import io.claimshub.codesets.CodeSetFolder;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Loads an ICD-10-CM order file the size of the official one (about 75,000 lines; the generated codes have
 * the official layout) and prints the time of each load: the first is a cold JVM (logging is set up before,
 * as the hub's start-up does), the later ones are what a reload costs. Run:
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.CodeSetLoadBenchmark</pre>
 */
public final class CodeSetLoadBenchmark {

    private CodeSetLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 75_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path folder = Files.createTempDirectory("codesets");
        Path file = Files.createDirectories(folder.resolve("icd10cm")).resolve("icd10cm_order_2026.txt");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < lines; i++) {
                String code = (char) ('A' + i % 26) + String.format("%02d", i / 26 % 100) + String.format("%04d", i / 2600);
                String description = "Generated description of code " + code;
                out.write(String.format("%05d %-7s %d %-60s %s\r\n", i % 100_000, code, i % 7 == 0 ? 0 : 1, description, description));
            }
        }
        org.slf4j.LoggerFactory.getLogger(CodeSetLoadBenchmark.class).info("generated {} lines", lines);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            CodeSetFolder loaded = CodeSetFolder.load(folder, Clock.systemUTC(), Duration.ofDays(1));
            long micros = (System.nanoTime() - start) / 1_000;
            System.out.printf("round %d: %,d lines loaded in %,d ms (%s)%n", round, lines, micros / 1_000,
                    loaded.current().icd10cmFiscalYears());
        }
    }
}
