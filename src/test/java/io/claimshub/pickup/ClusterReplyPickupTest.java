package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.LogCapture;
import io.claimshub.testing.SftpTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two hubs (two CamelContexts with the real reply-pickup-sftp template) polling one payer's SFTP directory on
 * one PostgreSQL ledger, landing into one shared data folder: each remote file is downloaded by exactly one
 * of them and removed once, with no failed removal.
 */
class ClusterReplyPickupTest {

    private static final Pattern TEST_SERVER_LOGGERS = Pattern.compile(
            "^\\w+ (ChannelAsyncOutputStream|ServerSessionImpl|ChannelSession|SftpSubsystem|Nio2Session|AbstractSftpSubsystemHelper) ");

    private static final Duration LEASE = Duration.ofHours(1);
    private static final Pattern STORED = Pattern.compile("reply pickup acme: (\\S+) \\(\\d+ bytes, sha256 \\w+\\) stored as");

    @TempDir
    Path workDir;

    private SftpTestServer server;
    private PartnerConfig partners;
    private LedgerDatabases.Target target;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        Path key = workDir.resolve("secrets/acme_ed25519");
        server = new SftpTestServer(workDir.resolve("server"), SftpTestServer.newHostKey(), SftpTestServer.newUserKey(key))
                .start();
        Files.writeString(workDir.resolve("secrets/known_hosts"), server.knownHostsLine() + "\n");
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.writeString(config.resolve("clinics.yaml"), Fixtures.resource("e2e/config/clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Fixtures.resource("e2e/config/payers.yaml")
                .replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }", """
                        replies:
                              type: sftp
                              host: 127.0.0.1
                              port: %d
                              username: sunrise
                              privateKeyFile: %s
                              knownHostsFile: %s
                              directory: /outbound
                              every: 100ms""".formatted(server.port(), key, workDir.resolve("secrets/known_hosts")))
                .replace("    replies: { type: folder, path: data/payers/medicare/outbound, every: 1m }\n", ""));
        partners = PartnerConfigLoader.load(config, workDir);
        target = LedgerDatabases.target("postgresql", workDir);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void two_hubs_on_one_payer_directory_download_each_file_exactly_once() throws Exception {
        int fileCount = 30;
        for (int f = 0; f < fileCount; f++) {
            server.put("outbound", String.format("reply-%02d.999", f), "ISA*" + f);
        }
        Clock clock = Clock.systemUTC();
        try (LedgerDatabase db = target.open(); LogCapture log = new LogCapture();
             HubNodes nodeA = LedgerDatabases.joinedNode(db, "node-a", clock, LEASE); HubNodes nodeB = LedgerDatabases.joinedNode(db, "node-b", clock, LEASE)) {
            CamelContext hubA = hub(db, "node-a", clock);
            CamelContext hubB = hub(db, "node-b", clock);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> server.files().isEmpty());
                // a second hub still holding a file would remove it now: give both a few more polls
                await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            } finally {
                hubA.stop();
                hubB.stop();
            }
            String text = log.text();
            List<String> stored = new ArrayList<>();
            Matcher line = STORED.matcher(text);
            while (line.find()) {
                stored.add(line.group(1));
            }
            assertThat(stored).hasSize(fileCount).doesNotHaveDuplicates();
            assertThat(text).doesNotContain("was picked up before");
            // the test's own SFTP server (MINA SSHD) may warn of a channel closed with data left; the hubs may not
            assertThat(text.lines().filter(l -> !TEST_SERVER_LOGGERS.matcher(l).find()))
                    .noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR"));
            assertThat(Fixtures.files(workDir.resolve("data/replies/incoming/acme"))).hasSize(fileCount);
        }
    }

    private CamelContext hub(LedgerDatabase db, String nodeId, Clock clock) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        Properties overrides = new Properties();
        overrides.put("claimshub.replies.sftp.initial-delay", "50");
        overrides.put("claimshub.replies.sftp.read-lock-min-age", "1");
        overrides.put("claimshub.replies.sftp.read-lock-check-interval", "50");
        overrides.put("claimshub.replies.sftp.read-lock-timeout", "5000");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                "file:routes/reply-pickup-sftp.camel.yaml"));
        ReplyPickupRoutes.install(context, partners, workDir.resolve("data"), clock,
                new WorkClaims(db.dataSource(), clock, nodeId));
        context.start();
        return context;
    }
}
