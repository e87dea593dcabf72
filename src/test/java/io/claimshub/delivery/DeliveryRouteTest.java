package io.claimshub.delivery;

import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HttpTestServer;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/delivery.camel.yaml on the running hub: the delivery timer sends a written 837 to an http payer
 * (a real web server here); a 503 is retried after the backoff and the same file goes again, once more.
 */
class DeliveryRouteTest extends HubRouteTest {

    private final HttpTestServer payer = new HttpTestServer("/claims").answering(503, 202);

    @AfterEach
    void stopPayer() {
        payer.close();
    }

    @Override
    protected String payers(String yaml) {
        return yaml.replace("delivery: { type: folder, path: data/payers/medicare/inbound }",
                "delivery: { type: http, url: \"" + payer.url("/claims") + "\","
                        + " timeout: 5s, retry: { maxAttempts: 3, initialDelay: 50ms, maxDelay: 100ms } }");
    }

    @Test
    void should_post_the_837_and_send_it_again_after_a_503() throws Exception {
        NotifyBuilder ticks = new NotifyBuilder(context).fromRoute(HubRoutes.DELIVERY).whenCompleted(5).create();
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("D-1").clm01("DLV1").payer("MEDICARE").build())))
                    .isEqualTo("AA");
        }

        await().atMost(Duration.ofSeconds(40)).until(() -> payer.requests().size() >= 2);
        assertThat(ticks.matches(30, TimeUnit.SECONDS)).isTrue();
        List<String> posted = payer.bodies();
        assertThat(posted.get(0)).startsWith("ISA*").contains("CLM*DLV1*");
        assertThat(posted.get(1)).as("the same file again").isEqualTo(posted.get(0));
        // delivered: no third try on later ticks
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> payer.requests().size() == 2);
    }
}
