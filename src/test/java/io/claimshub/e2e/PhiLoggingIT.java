package io.claimshub.e2e;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import ca.uhn.hl7v2.preparser.PreParser;
import io.claimshub.mllp.MllpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Patient data never reaches the logs: the real-world samples and messages with distinctive patient
 * data (accepted, rejected, unreadable; dropped in the inbox and sent over MLLP) go through the running
 * hub while every log event is captured,
 * and none of their names, birth dates, street addresses or member ids appears in it.
 */
class PhiLoggingIT {

    private static final Path SAMPLES = Path.of("src/test/resources/samples");

    @TempDir
    Path workDir;

    @Test
    void no_patient_data_appears_in_the_log_output() throws Exception {
        LogCapture log = new LogCapture();
        Set<String> phi = new LinkedHashSet<>(List.of("ZEBULON", "QUIXOTE", "19610723", "1961-07-23", "4471 LARKSPUR", "ZQ7781234"));
        Path inbox = workDir.resolve("data/clinics/sunrise/inbox");
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            Files.createDirectories(inbox);
            String good = Dft.message().controlId("P1").clm01("PHI1")
                    .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build();
            String badNpi = Dft.message().controlId("P2").clm01("PHI2").renderingNpi("1234567890")
                    .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build();
            String unknownPayer = Dft.message().controlId("P3").clm01("PHI3").payer("NOBODY")
                    .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build();
            Files.writeString(inbox.resolve("phi.hl7"), good + badNpi + unknownPayer + "MSH|garbage ZEBULON QUIXOTE\r");
            sendOverMllp(hub.mllpPort());
            int dropped = 1;
            try (Stream<Path> samples = Files.list(SAMPLES)) {
                for (Path sample : samples.filter(f -> !f.toString().endsWith(".tsv")).toList()) {
                    Files.copy(sample, inbox.resolve(sample.getFileName()));
                    phi.addAll(patientValues(Files.readString(sample, StandardCharsets.UTF_8)));
                    dropped++;
                }
            }
            int expected = dropped;
            await().atMost(Duration.ofSeconds(60)).until(() -> count(inbox.resolve(".done")) == expected);
        } finally {
            log.close();
        }

        String captured = log.text().toUpperCase();
        assertThat(captured).contains("CLAIM ACCEPTED CLINIC=SUNRISE CLM01=PHI1", "CLAIM REJECTED CLINIC=SUNRISE CLM01=PHI2",
                "CLAIM ACCEPTED CLINIC=SUNRISE CLM01=PHIM1", "CLAIM REJECTED CLINIC=SUNRISE CLM01=PHIM2");
        assertThat(phi).hasSizeGreaterThan(20);
        assertThat(phi).allSatisfy(value -> assertThat(captured).as("log output must not contain a patient value")
                .doesNotContain(value.toUpperCase()));
    }

    /** Accepted, rejected and refused messages over MLLP, with patient data outside a frame too. */
    private static void sendOverMllp(int port) throws IOException {
        String good = Dft.message().controlId("M1").clm01("PHIM1")
                .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build();
        String badNpi = Dft.message().controlId("M2").clm01("PHIM2").renderingNpi("1234567890")
                .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build();
        String unknownFacility = Dft.message().controlId("M3").clm01("PHIM3")
                .patient("ZEBULON", "QUIXOTE", "19610723", "ZQ7781234", "4471 LARKSPUR LN").build()
                .replace("|SUNRISE|", "|ELSEWHERE|");
        try (MllpTestClient client = new MllpTestClient(port)) {
            assertThat(MllpTestClient.code(client.send(good))).isEqualTo("AA");
            assertThat(MllpTestClient.code(client.send(badNpi))).isEqualTo("AE");
            assertThat(MllpTestClient.code(client.send(unknownFacility))).isEqualTo("AR");
            assertThat(MllpTestClient.code(client.send("MSH|garbage ZEBULON QUIXOTE\r"))).isEqualTo("AR");
            client.sendRaw("ZEBULON QUIXOTE 19610723 outside any frame\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(MllpTestClient.code(client.send(good))).as("the resend after the noise").isEqualTo("AA");
        }
    }

    /** Names, birth dates, street lines and member ids of every message in a sample, read with HAPI's pre-parser. */
    private static Set<String> patientValues(String file) {
        Set<String> values = new LinkedHashSet<>();
        for (String message : file.replace("\uFEFF", "").split("(?=MSH\\|)")) {
            if (!message.startsWith("MSH")) {
                continue;
            }
            try {
                String[] fields = PreParser.getFields(message.replace('\n', '\r'),
                        "PID-5-1", "PID-5-2", "PID-7", "PID-11-1", "IN1-16-1", "IN1-36", "GT1-3-1");
                for (String value : fields) {
                    if (value != null && value.trim().length() >= 5) {
                        values.add(value.trim());
                    }
                }
            } catch (Exception e) {
                // a sample whose MSH the pre-parser cannot read contributes no values
            }
        }
        return values;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
