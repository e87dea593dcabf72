package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.intake.FailedFileReasons;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two hubs (two CamelContexts with the real payer-replies template) polling one payer's reply folder on one
 * PostgreSQL ledger: each file reaches the reply flow of exactly one of them and is moved once, with no
 * failed move.
 */
class ClusterReplyFolderTest {

    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path workDir;

    private PartnerConfig partners;
    private LedgerDatabases.Target target;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    /** Stands in for PayerReplies: records which hub got which file. */
    public final class RecordingIntake {
        private final String node;

        RecordingIntake(String node) {
            this.node = node;
        }

        public void accept(String payerId, byte[] body, String name) {
            accepted.add(node + " " + payerId + " " + name + " " + new String(body, StandardCharsets.US_ASCII));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.writeString(config.resolve("clinics.yaml"), Fixtures.resource("e2e/config/clinics.yaml"));
        Files.writeString(config.resolve("payers.yaml"), Fixtures.resource("e2e/config/payers.yaml")
                .replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }",
                        "replies: { type: folder, path: data/payers/acme/outbound, every: 100ms }")
                .replace("    replies: { type: folder, path: data/payers/medicare/outbound, every: 1m }\n", ""));
        partners = PartnerConfigLoader.load(config, workDir);
        target = LedgerDatabases.target("postgresql", workDir);
    }

    @Test
    void two_hubs_on_one_reply_folder_take_each_file_exactly_once() throws Exception {
        Path outbound = Files.createDirectories(workDir.resolve("data/payers/acme/outbound"));
        int fileCount = 40;
        for (int f = 0; f < fileCount; f++) {
            Fixtures.drop(outbound, String.format("reply-%02d.999", f), "ISA*" + f);
        }
        Clock clock = Clock.systemUTC();
        try (LedgerDatabase db = target.open(); LogCapture log = new LogCapture();
             HubNodes nodeA = LedgerDatabases.joinedNode(db, "node-a", clock, LEASE); HubNodes nodeB = LedgerDatabases.joinedNode(db, "node-b", clock, LEASE)) {
            CamelContext hubA = hub(db, "node-a", clock);
            CamelContext hubB = hub(db, "node-b", clock);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> Fixtures.files(outbound).isEmpty()
                        && Fixtures.files(outbound.resolve(".done")).size() == fileCount);
                // a second hub still holding a file would move it now: give both a few more polls
                await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            } finally {
                hubA.stop();
                hubB.stop();
            }
            List<String> files = accepted.stream().map(line -> line.split(" ")[2]).toList();
            assertThat(files).hasSize(fileCount).doesNotHaveDuplicates();
            assertThat(accepted).anyMatch(line -> line.startsWith("node-a "));
            assertThat(Fixtures.files(outbound.resolve(".error"))).isEmpty();
            assertThat(log.text()).doesNotContain("WARN").doesNotContain("ERROR");
        }
    }

    private CamelContext hub(LedgerDatabase db, String nodeId, Clock clock) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        context.getRegistry().bind("payerReplies", new RecordingIntake(nodeId));
        context.getRegistry().bind("failedFileReasons", new FailedFileReasons());
        context.getRegistry().bind("replyFileClaims", new ReplyFileClaims(new WorkClaims(db.dataSource(), clock, nodeId)));
        for (String file : new String[]{"routes/errors.camel.yaml", "routes/payer-replies.camel.yaml"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
        }
        context.addStartupListener(new PayerReplyRoutes(partners, workDir.resolve("data"), Duration.ofMillis(100)));
        context.start();
        return context;
    }
}
