package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long-lived EHR connections and the idle timeout (claimshub.mllp.idle-timeout), against the running hub
 * with a 1.5 s idle timeout: a connection in use stays open however long it lives; one left silent is
 * closed by the hub, and the EHR's next connection is served.
 */
class MllpIdleTimeoutIT {

    private static final int IDLE_TIMEOUT_MILLIS = 1500;

    @TempDir
    static Path workDir;
    static HubHarness hub;

    @BeforeAll
    static void start() throws Exception {
        hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.mllp.idle-timeout", String.valueOf(IDLE_TIMEOUT_MILLIS))
                // the listener looks at the idle time each time a wait for a frame ends without one
                .withProperty("claimshub.mllp.receive-timeout", "250")
                .withProperty("claimshub.mllp.read-timeout", "1000").start();
    }

    @AfterAll
    static void stop() {
        hub.stop();
    }

    @Test
    void a_connection_in_use_outlives_the_idle_timeout_and_a_silent_one_is_closed_by_the_hub() throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
            // 8 messages 500 ms apart: the connection lives 3.5 s, more than twice the idle timeout
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    Thread.sleep(500);
                }
                assertThat(code(ehr.send(Dft.message().controlId("IDLE-" + i).clm01("IDL" + i).build())))
                        .as("message %d on the same connection", i).isEqualTo("AA");
            }
            assertThat(ehr.closedByPeerWithin(IDLE_TIMEOUT_MILLIS / 3)).as("still open a while after its last message")
                    .isFalse();
            assertThat(ehr.closedByPeerWithin(IDLE_TIMEOUT_MILLIS + 3000)).as("closed once idle too long").isTrue();
        }
        try (MllpTestClient next = new MllpTestClient(hub.mllpPort())) {
            assertThat(code(next.send(Dft.message().controlId("IDLE-NEXT").clm01("IDLNEXT").build()))).isEqualTo("AA");
        }
        ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
        assertThat(ledger.findByClm01("sunrise", "IDL7")).hasSize(1);
        assertThat(ledger.findByClm01("sunrise", "IDLNEXT")).hasSize(1);
    }
}
