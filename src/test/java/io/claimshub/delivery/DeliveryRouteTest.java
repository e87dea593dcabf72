package io.claimshub.delivery;

import com.sun.net.httpserver.HttpServer;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/delivery.camel.yaml on the running hub: the delivery timer sends a written 837 to an http payer
 * (a real web server here); a 503 is retried after the backoff and the same file goes again, once more.
 */
class DeliveryRouteTest extends HubRouteTest {

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpServer payer = payer();

    private HttpServer payer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/claims", exchange -> {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
                exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 202, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopPayer() {
        payer.stop(0);
    }

    @Override
    protected String payers(String yaml) {
        return yaml.replace("delivery: { type: folder, path: data/payers/medicare/inbound }",
                "delivery: { type: http, url: \"http://127.0.0.1:" + payer.getAddress().getPort() + "/claims\","
                        + " timeout: 5s, retry: { maxAttempts: 3, initialDelay: 50ms, maxDelay: 100ms } }");
    }

    @Test
    void should_post_the_837_and_send_it_again_after_a_503() throws Exception {
        NotifyBuilder ticks = new NotifyBuilder(context).fromRoute(HubRoutes.DELIVERY).whenCompleted(5).create();
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("D-1").clm01("DLV1").payer("MEDICARE").build())))
                    .isEqualTo("AA");
        }

        await().atMost(Duration.ofSeconds(40)).until(() -> posted.size() >= 2);
        assertThat(ticks.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(posted.get(0)).startsWith("ISA*").contains("CLM*DLV1*");
        assertThat(posted.get(1)).as("the same file again").isEqualTo(posted.get(0));
        // delivered: no third try on later ticks
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> posted.size() == 2);
    }
}
