package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.intake.FailedFileReasons;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.Fixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PayerReplyRoutes with the real template of routes/payer-replies.camel.yaml in a plain CamelContext: one route
 * per payer on its incoming folder, one more per payer whose replies come to a folder, each handing the
 * file to the {@code payerReplies} bean with the payer's own id (here a recorder, so this test is about the
 * wiring; PayerRepliesRouteTest runs the whole hub).
 */
class PayerReplyRoutesTest {

    @TempDir
    Path workDir;
    private CamelContext context;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    /** Stands in for PayerReplies: records what the route hands it. */
    public final class RecordingIntake {
        public void accept(String payerId, byte[] body, String name) {
            accepted.add(payerId + " " + name + " " + new String(body, StandardCharsets.US_ASCII));
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.writeString(config.resolve("clinics.yaml"), Fixtures.resource("e2e/config/clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Fixtures.resource("e2e/config/payers.yaml")
                .replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }",
                        "replies: { type: folder, path: data/payers/acme/outbound, every: 200ms }")
                .replace("    replies: { type: folder, path: data/payers/medicare/outbound, every: 1m }\n", ""));
        PartnerConfig partners = PartnerConfigLoader.load(config, workDir);
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        context.getRegistry().bind("payerReplies", new RecordingIntake());
        context.getRegistry().bind("failedFileReasons", new FailedFileReasons());
        context.getRegistry().bind("replyFileClaims", new ReplyFileClaims(WorkClaims.singleHub()));
        for (String file : new String[]{"routes/errors.camel.yaml", "routes/payer-replies.camel.yaml"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
        }
        context.addStartupListener(new PayerReplyRoutes(partners, workDir.resolve("data"), Duration.ofMillis(200)));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void every_payer_gets_an_incoming_route_and_a_folder_payer_a_route_on_its_folder() {
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoutes().size() == 3);

        assertThat(context.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrder(
                "payer-replies-incoming-acme", "payer-replies-incoming-medicare", "payer-replies-acme");
        assertThat(context.getRoute("payer-replies-acme").getEndpoint().getEndpointUri())
                .contains(workDir.resolve("data/payers/acme/outbound").toString()).contains("delay=200");
        assertThat(context.getRoute("payer-replies-incoming-medicare").getEndpoint().getEndpointUri())
                .contains(workDir.resolve("data/replies/incoming/medicare").toString()).contains("autoCreate=false");
    }

    @Test
    void a_file_in_a_payers_folder_reaches_the_reply_intake_under_that_payer_and_moves_to_done() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoutes().size() == 3);
        Path incoming = Files.createDirectories(workDir.resolve("data/replies/incoming/medicare"));

        Fixtures.drop(workDir.resolve("data/payers/acme/outbound"), "ack.999", "ISA*ACME");
        Fixtures.drop(incoming, "fetched.x12", "ISA*MEDICARE");

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() == 2);
        assertThat(accepted).containsExactlyInAnyOrder("acme ack.999 ISA*ACME", "medicare fetched.x12 ISA*MEDICARE");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.files(incoming.resolve(".done")).size() == 1);
        assertThat(Fixtures.files(incoming)).isEmpty();
    }
}
