package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.SftpTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * ReplyPickupRoutes in a plain CamelContext with the real template of routes/reply-pickup-sftp.camel.yaml: what it
 * binds, the one route per sftp payer it adds (login, directory relative to the login directory, delete
 * or move to the done directory), and the done directory it refuses.
 */
class ReplyPickupRoutesTest {

    @TempDir
    Path workDir;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void an_sftp_payer_gets_its_filter_poll_strategy_and_route_and_a_folder_payer_none() throws Exception {
        start(Map.of());

        assertThat(context.getRegistry().lookupByName("replyLanding")).isInstanceOf(ReplyLanding.class);
        assertThat(context.getRegistry().lookupByName("replyPickupFilter-acme")).isInstanceOf(SafeRemoteNameFilter.class);
        assertThat(context.getRegistry().lookupByName("replyPickupPollStrategy-acme")).isInstanceOf(PickupPollStrategy.class);
        assertThat(context.getRegistry().lookupByName("replyPickupFilter-medicare")).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("reply-pickup-sftp-acme") != null);
        assertThat(context.getRoutes()).hasSize(1);
        String uri = context.getRoute("reply-pickup-sftp-acme").getEndpoint().getEndpointUri();
        assertThat(uri).startsWith("sftp://127.0.0.1:2222/outbound?").contains("username=RAW(sunrise)", "delete=true",
                "strictHostKeyChecking=yes", "delay=60000").doesNotContain("move=");
    }

    @Test
    void with_a_done_directory_a_fetched_file_is_moved_there_under_a_time_stamped_name() throws Exception {
        start(Map.of("claimshub.replies.sftp.done-directory", ".done"));

        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("reply-pickup-sftp-acme") != null);
        String uri = context.getRoute("reply-pickup-sftp-acme").getEndpoint().getEndpointUri();
        assertThat(uri).contains("move=.done").doesNotContain("delete=true");
    }

    @Test
    void a_done_directory_that_is_not_one_plain_name_is_refused_before_anything_is_bound() {
        assertThatThrownBy(() -> start(Map.of("claimshub.replies.sftp.done-directory", "../done")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("claimshub.replies.sftp.done-directory must be one directory name inside the"
                        + " polled directory, like .done: ");
        assertThat(context.getRegistry().lookupByName("replyLanding")).isNull();
    }

    @Test
    void the_directory_is_taken_relative_to_the_login_directory() {
        assertThat(ReplyPickupRoutes.relative("/outbound")).isEqualTo("outbound");
        assertThat(ReplyPickupRoutes.relative("//replies/999")).isEqualTo("replies/999");
        assertThat(ReplyPickupRoutes.relative("outbound")).isEqualTo("outbound");
    }

    private void start(Map<String, String> properties) throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path key = workDir.resolve("secrets/acme_ed25519");
        SftpTestServer.newUserKey(key);
        Files.writeString(workDir.resolve("secrets/known_hosts"), "[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEr1pBQk0ZfRVGvdBvZ2PzDVbDcVy3nQpqRY0LPSEKtN\n");
        Files.writeString(config.resolve("clinics.yaml"), Fixtures.resource("e2e/config/clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Fixtures.resource("e2e/config/payers.yaml")
                .replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }", """
                        replies:
                              type: sftp
                              host: 127.0.0.1
                              port: 2222
                              username: sunrise
                              privateKeyFile: %s
                              knownHostsFile: %s
                              directory: /outbound
                              every: 1m""".formatted(key, workDir.resolve("secrets/known_hosts"))));
        PartnerConfig partners = PartnerConfigLoader.load(config, workDir);
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        Properties overrides = new Properties();
        // no poll reaches the (absent) server while the test looks at the route
        overrides.put("claimshub.replies.sftp.initial-delay", "600000");
        overrides.putAll(properties);
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:routes/reply-pickup-sftp.camel.yaml"));
        ReplyPickupRoutes.install(context, partners, workDir.resolve("data"), Clock.systemUTC(), WorkClaims.singleHub());
        context.start();
    }
}
