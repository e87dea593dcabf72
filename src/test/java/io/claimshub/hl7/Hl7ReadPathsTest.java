package io.claimshub.hl7;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test of the fast read path: every HL7 sample in the repository, generated varied
 * messages and fuzzed ones go through {@link Hl7Parser#read} and through HAPI alone, and must give the same
 * header, claim, problems and charge entries, or the same rejection. (BENCHMARKS.md runs it on 100,000.)
 */
class Hl7ReadPathsTest {

    private static final int VARIED = 3_000;
    private static final int FUZZED = 10_000;

    private final Hl7ReadPaths paths = new Hl7ReadPaths();
    private final List<String> differences = new ArrayList<>();

    @Test
    void every_hl7_sample_in_the_repository_reads_the_same_both_ways() throws IOException {
        List<String> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.contains("MSH|")) {
                    messages.addAll(messagesOf(text));
                }
            }
        }
        messages.forEach(this::compare);

        assertThat(differences).isEmpty();
        assertThat(messages).hasSizeGreaterThan(20);
        assertThat(paths.readLean()).isPositive();
    }

    @Test
    void generated_messages_read_the_same_both_ways_and_the_plain_ones_take_the_lean_path() {
        Hl7MessageFactory factory = new Hl7MessageFactory(7);
        for (int i = 0; i < 1_000; i++) {
            compare(factory.next());
        }
        assertThat(paths.readLean()).isEqualTo(1_000);

        Hl7Variations variations = new Hl7Variations(new Random(21));
        for (int i = 0; i < VARIED; i++) {
            compare(variations.vary(factory.next()));
        }

        assertThat(differences).isEmpty();
        // Both paths carry real weight: most varied messages are read lean, many are left to HAPI.
        assertThat(paths.readLean() - 1_000).isBetween(VARIED / 3, VARIED * 9 / 10);
    }

    @Test
    void fuzzed_messages_read_the_same_both_ways() {
        Hl7MessageFactory factory = new Hl7MessageFactory(99);
        Random random = new Random(20261207);
        for (int i = 0; i < FUZZED; i++) {
            compare(Hl7Mutations.mutate(factory.next(), random));
        }

        assertThat(differences).isEmpty();
        assertThat(paths.readLean()).isBetween(FUZZED / 5, FUZZED - 1);
    }

    private void compare(String er7) {
        String difference = paths.difference(er7);
        if (difference != null && differences.size() < 5) {
            differences.add(er7.replace('\r', '\n') + "\n" + difference);
        }
    }

    /** The messages of a file as the inboxes split it; a file the batch reader refuses counts as one message. */
    private static List<String> messagesOf(String text) {
        List<String> messages = new ArrayList<>();
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(text))) {
            while (reader.hasNext()) {
                messages.add(reader.next().er7());
            }
        } catch (IOException | RuntimeException e) {
            return List.of(text);
        }
        return messages;
    }
}
