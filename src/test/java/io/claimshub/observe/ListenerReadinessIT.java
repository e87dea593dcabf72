package io.claimshub.observe;

import io.claimshub.testing.HubHarness;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness covers every listener the config turns on: a hub whose API and dashboard, or whose MLLP
 * feed, is not listening answers 503 on /observe/health/ready, naming what is down.
 */
class ListenerReadinessIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void the_hub_is_not_ready_once_its_http_server_stops_listening() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> ready(hub).statusCode() == 200);
            assertThat(ready(hub).body()).contains("{\"name\":\"listeners\",\"status\":\"UP\"}");

            // As after a failed bind: Camel still counts the server as started, but nothing listens.
            VertxPlatformHttpServer business = hub.context().hasServices(VertxPlatformHttpServer.class).stream()
                    .filter(server -> server.getConfigurationPort() == hub.httpPort()).findFirst().orElseThrow();
            business.getServer().close().toCompletionStage().toCompletableFuture().get();

            await().atMost(WAIT).until(() -> ready(hub).statusCode() == 503);
            assertThat(ready(hub).body()).contains("{\"name\":\"listeners\",\"status\":\"DOWN\",\"message\":"
                    + "\"not listening: the HTTP API and dashboard on port " + hub.httpPort() + "\"}");
        }
    }

    @Test
    void the_hub_is_not_ready_while_its_mllp_listener_is_closed() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> ready(hub).statusCode() == 200);

            hub.context().getRouteController().stopRoute("mllp-intake");

            await().atMost(WAIT).until(() -> ready(hub).statusCode() == 503);
            assertThat(ready(hub).body()).contains("{\"name\":\"listeners\",\"status\":\"DOWN\",\"message\":"
                    + "\"not listening: the MLLP listener on port " + hub.mllpPort() + "\"}");

            hub.context().getRouteController().startRoute("mllp-intake");
            await().atMost(WAIT).until(() -> ready(hub).statusCode() == 200);
        }
    }

    private static HttpResponse<String> ready(HubHarness hub) throws IOException, InterruptedException {
        return hub.observe("/health/ready");
    }
}
