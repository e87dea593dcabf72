package io.claimshub.clinicreturn;

import com.sun.net.httpserver.HttpServer;
import io.claimshub.delivery.RetryPolicy;
import io.claimshub.ledger.HubNodes;
import io.claimshub.testing.TestClock;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clinic notices on hubs sharing one notice folder and one PostgreSQL ledger: each notice is sent by one
 * hub, and a notice whose hub died before sending it is sent by another once that hub's lease ran out.
 */
class ClusterNoticeTest {

    /** Long enough that no lease runs out while a test runs unless the test moves the clock. */
    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private HttpServer webhook;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            new java.util.Random(1));

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/claims-status", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.setExecutor(Executors.newFixedThreadPool(4));
        webhook.start();
    }

    @AfterEach
    void tearDown() {
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void three_hubs_dispatching_one_notice_folder_send_each_notice_exactly_once() throws Exception {
        Clock clock = Clock.systemUTC();
        NoticeQueue queue = new NoticeQueue(dir.resolve("notify"));
        int notices = 60;
        for (int i = 0; i < notices; i++) {
            queue.put(notice("N" + i, clock));
        }
        try (LedgerDatabase db = LedgerDatabases.target("postgresql", dir).open(); LogCapture log = new LogCapture();
             HubNodes a = node(db, "node-a", clock); HubNodes b = node(db, "node-b", clock);
             HubNodes c = node(db, "node-c", clock)) {
            ExecutorService hubs = Executors.newFixedThreadPool(3);
            List<Future<?>> runs = new ArrayList<>();
            for (String nodeId : List.of("node-a", "node-b", "node-c")) {
                NoticeDispatcher dispatcher = dispatcher(db, nodeId, clock, webhookSender());
                runs.add(hubs.submit(() -> {
                    while (!new NoticeQueue(dir.resolve("notify")).pending().isEmpty()) {
                        dispatcher.dispatchDue();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
            hubs.shutdown();

            assertThat(received).hasSize(notices).doesNotHaveDuplicates();
            assertThat(log.text()).doesNotContain("WARN").doesNotContain("ERROR");
            assertThat(queue.pending()).isEmpty();
            assertThat(queue.failed()).isEmpty();
        }
    }

    @Test
    void a_notice_claimed_by_a_hub_that_died_before_sending_it_is_sent_by_another_once_its_lease_ran_out()
            throws Exception {
        TestClock clock = new TestClock();
        NoticeQueue queue = new NoticeQueue(dir.resolve("notify"));
        queue.put(notice("DIED", clock));
        try (LedgerDatabase db = LedgerDatabases.target("postgresql", dir).open();
             HubNodes a = node(db, "node-a", clock); HubNodes b = node(db, "node-b", clock)) {
            NoticeDispatcher hubA = dispatcher(db, "node-a", clock, notice -> {
                throw new ProcessDied();
            });
            assertThatThrownBy(hubA::dispatchDue).isInstanceOf(ProcessDied.class);
            a.renew();
            assertThat(a.snapshot().noticesSending()).isEqualTo(1);
            assertThat(b.nodes()).filteredOn(n -> n.nodeId().equals("node-a")).singleElement()
                    .satisfies(n -> assertThat(n.sendingNotices()).singleElement().asString().endsWith("-DIED"));

            NoticeDispatcher hubB = dispatcher(db, "node-b", clock, webhookSender());
            assertThat(hubB.dispatchDue()).as("A's lease still runs").isZero();
            assertThat(received).isEmpty();

            clock.advance(LEASE.plusMinutes(1));
            b.renew();
            assertThat(hubB.dispatchDue()).isEqualTo(1);
            assertThat(received).containsExactly("{\"notice\":\"DIED\"}");
            assertThat(queue.pending()).isEmpty();
            assertThat(hubB.dispatchDue()).isZero();
            assertThat(b.nodes()).allSatisfy(n -> assertThat(n.sendingNotices()).isEmpty());
        }
    }

    private NoticeDispatcher dispatcher(LedgerDatabase db, String nodeId, Clock clock, NoticeSender sender) {
        return new NoticeDispatcher(new NoticeQueue(dir.resolve("notify")), Map.of(Notice.Channel.HTTP, sender), retry,
                clock, new WorkClaims(db.dataSource(), clock, nodeId));
    }

    private static NoticeSender webhookSender() {
        return new WebhookSender(Duration.ofSeconds(10));
    }

    private Notice notice(String id, Clock clock) {
        return new Notice(String.format("%013d-%s", clock.millis(), id), "sunrise", Notice.Channel.HTTP,
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/claims-status",
                "{\"notice\":\"" + id + "\"}", 0, clock.instant(), null);
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }

    /** The hub process ends here: no catch block, no finally of the hub's runs. */
    private static final class ProcessDied extends Error {
    }
}
