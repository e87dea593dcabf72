package io.claimshub.batch;

import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/claims-batch.camel.yaml on the running hub: the batch timer writes a payer's waiting claims as one
 * 837P once the batch is old enough (medicare: every 1s in the test config), into the payer's folder.
 */
class ClaimsBatchRouteTest extends HubRouteTest {

    @Test
    void should_write_the_waiting_claims_of_a_payer_as_one_837_on_a_later_tick() throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("B-1").clm01("BAT1").payer("MEDICARE").build())))
                    .isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("B-2").clm01("BAT2").payer("MEDICARE").build())))
                    .isEqualTo("AA");
        }
        NotifyBuilder ticks = new NotifyBuilder(context).fromRoute(HubRoutes.CLAIMS).whenCompleted(3).create();

        Path inbound = path("data/payers/medicare/inbound");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.files(inbound).isEmpty());
        assertThat(ticks.matches(30, TimeUnit.SECONDS)).as("the timer keeps ticking").isTrue();
        List<Path> written = Fixtures.files(inbound);
        assertThat(written).as("both claims in one file").hasSize(1);
        assertThat(Fixtures.read(written.get(0))).startsWith("ISA*").contains("CLM*BAT1*", "CLM*BAT2*")
                .contains("NM1*PR*2*MEDICARE PART B*****PI*00430~");
    }
}
