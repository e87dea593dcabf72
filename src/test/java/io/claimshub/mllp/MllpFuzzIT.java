package io.claimshub.mllp;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.hl7.Hl7Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 mutated DFT messages over one connection: byte flips, truncation, delimiter swaps, huge
 * fields, dropped segments. Every one must be answered AA, AE or AR, and the listener must still
 * accept a valid message afterwards.
 */
class MllpFuzzIT {

    private static final int MESSAGES = 10_000;

    @TempDir
    Path workDir;

    @Test
    void every_mutated_message_gets_an_acknowledgement_and_the_listener_survives() throws Exception {
        Random random = new Random(20261129);
        Hl7MessageFactory factory = new Hl7MessageFactory(99);
        Map<String, Integer> codes = new TreeMap<>();
        // The shipped partners (batches of up to 5,000): the e2e config's two-claim batches would put an
        // 837 file write behind every other ACK and triple the run time.
        try (HubHarness hub = new HubHarness(workDir).withConfigFrom(Path.of("config"))
                .withProperty("claimshub.mllp.max-message-bytes", "20000").start();
             MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            for (int i = 0; i < MESSAGES; i++) {
                String ack = client.send(Hl7Mutations.mutate(factory.next(), random));
                codes.merge(code(ack), 1, Integer::sum);
            }
            assertThat(code(client.send(Dft.message().controlId("AFTER-FUZZ").clm01("FUZZ1").build()))).isEqualTo("AA");
        }
        assertThat(codes.keySet()).isSubsetOf("AA", "AE", "AR");
        assertThat(codes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MESSAGES);
        assertThat(codes).containsKeys("AE", "AR");
    }
}
