package io.claimshub.ledger;

import io.claimshub.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Payer replies on hubs sharing one PostgreSQL ledger: the same reply content received by two hubs at once
 * (both picked up the same file) is registered once and applied by one of them; a hub frozen past its lease
 * in the middle of a reply applies nothing more once another hub took the file over.
 */
class ClusterReplyTest {

    /** Long enough that no lease runs out while a test runs unless the test moves the clock. */
    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private LedgerDatabases.Target target;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        target = LedgerDatabases.target("postgresql", dir);
    }

    @Test
    void the_same_reply_received_by_two_hubs_at_once_is_registered_once_and_applied_by_one() throws Exception {
        Clock clock = Clock.systemUTC();
        try (LedgerDatabase db = target.open();
             HubNodes a = node(db, "node-a", clock); HubNodes b = node(db, "node-b", clock)) {
            ReplyLedger hubA = new ReplyLedger(db.dataSource(), clock, "node-a");
            ReplyLedger hubB = new ReplyLedger(db.dataSource(), clock, "node-b");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            int files = 50;
            List<CompletableFuture<ReplyLedger.Registration>> registrations = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                String hash = String.format("%064d", i);
                for (ReplyLedger hub : List.of(hubA, hubB)) {
                    registrations.add(CompletableFuture.supplyAsync(() -> hub.register("acme", hash,
                            "received/acme/" + hash + ".x12", "reply-" + hash + ".x12"), threads));
                }
            }
            for (int i = 0; i < files; i++) {
                ReplyLedger.Registration first = registrations.get(2 * i).get();
                ReplyLedger.Registration second = registrations.get(2 * i + 1).get();
                assertThat(first.fileId()).isEqualTo(second.fileId());
                // exactly one of the two hubs applies the file; the other is told who does
                assertThat(List.of(first.heldBy() == null, second.heldBy() == null)).containsOnlyOnce(true);
                assertThat(List.of(String.valueOf(first.heldBy()), String.valueOf(second.heldBy())))
                        .containsAnyOf("node-a", "node-b");
            }
            threads.shutdown();
        }
    }

    @Test
    void a_hub_frozen_past_its_lease_applies_nothing_of_a_reply_file_another_hub_took_over() throws Exception {
        TestClock clock = new TestClock();
        try (LedgerDatabase db = target.open();
             HubNodes a = node(db, "node-a", clock); HubNodes b = node(db, "node-b", clock)) {
            IntakeLedger claims = new IntakeLedger(db.dataSource(), clock);
            long claimId = claims.recordClaim(new IntakeLedger.IncomingClaim("sunrise", "R1", "1", null, "acme",
                    new BigDecimal("95.00"), "{}", "hash-R1", new IntakeLedger.Source("file", "visits.hl7", "M-R1"),
                    List.of())).claimId();
            ReplyLedger hubA = new ReplyLedger(db.dataSource(), clock, "node-a");
            ReplyLedger hubB = new ReplyLedger(db.dataSource(), clock, "node-b");
            String hash = "f".repeat(64);
            ReplyLedger.Registration mine = hubA.register("acme", hash, "received/acme/r.x12", "r.x12");
            assertThat(mine.heldBy()).isNull();
            assertThat(hubB.register("acme", hash, "received/acme/r.x12", "r.x12").heldBy()).isEqualTo("node-a");
            assertThat(b.nodes()).filteredOn(n -> n.nodeId().equals("node-a")).singleElement()
                    .satisfies(n -> assertThat(n.applyingReplies()).containsExactly("received/acme/r.x12"));

            // A freezes past its lease: B takes the file over, applies it and finishes it
            clock.advance(LEASE.plusMinutes(1));
            b.renew();
            ReplyLedger.Registration takenOver = hubB.register("acme", hash, "received/acme/r.x12", "r.x12");
            assertThat(takenOver.heldBy()).isNull();
            hubB.apply(claimId, takenOver.fileId(), "r.x12", reply());
            hubB.finish(takenOver.fileId(), "processed", "999", "1 claim replies, 0 unmatched");

            // A wakes: nothing it would apply or finish is recorded
            a.renew();
            assertThatThrownBy(() -> hubA.apply(claimId, mine.fileId(), "r.x12", reply()))
                    .isInstanceOf(LeaseLostException.class).hasMessageContaining("now held by node-b");
            assertThatThrownBy(() -> hubA.finish(mine.fileId(), "error", null, "late"))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(hubB.replies(claimId)).hasSize(1);
            assertThat(hubB.replyFile("acme", hash).orElseThrow().status()).isEqualTo("processed");
        }
    }

    private static ReplyLedger.ClaimReply reply() {
        return new ReplyLedger.ClaimReply("999", "000000001/0001", ClaimStatus.ACKNOWLEDGED, null, null, null, null,
                null, null, null, null, null);
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }
}
