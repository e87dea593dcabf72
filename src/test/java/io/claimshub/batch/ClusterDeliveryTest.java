package io.claimshub.batch;

import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Delivery on two hubs sharing one PostgreSQL ledger: a hub frozen past its lease in the middle of an
 * upload finds, when it wakes, that another hub took the delivery over; it may then neither move the
 * file nor record an outcome over the other hub's.
 */
class ClusterDeliveryTest {

    /** Long enough that no lease runs out while a test runs unless the test moves the clock. */
    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void a_hub_frozen_during_an_upload_cannot_record_an_outcome_over_the_hub_that_took_the_delivery_over() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        TestClock clock = new TestClock();
        try (LedgerDatabase db = LedgerDatabases.target("postgresql", dir).open();
             HubNodes nodeA = node(db, "node-a", clock); HubNodes nodeB = node(db, "node-b", clock)) {
            Ledgers claims = Ledgers.open(db.dataSource(), clock, "node-a");
            long claimId = ClusterBatchTest.accept(claims.intake(), "F1");
            Batch batch = claims.batches().createBatch("acme", icn -> BatchFileNames.of("acme", clock.instant(), icn),
                    List.of(List.of(claimId)));
            claims.batches().markBatchWritten(batch.id());
            DeliveryLedger deliveryA = new DeliveryLedger(db.dataSource(), clock, "node-a");
            DeliveryLedger deliveryB = new DeliveryLedger(db.dataSource(), clock, "node-b");
            deliveryA.enqueueWritten(List.of("acme"));
            clock.advance(Duration.ofSeconds(1));

            // A starts uploading and freezes past its lease; B takes the delivery over and delivers it
            DeliveryLedger.Started frozen = deliveryA.startAttempt(batch.id()).orElseThrow();
            clock.advance(LEASE.plusMinutes(1));
            nodeB.renew();
            DeliveryLedger.Started takenOver = deliveryB.startAttempt(batch.id()).orElseThrow();
            deliveryB.markDelivered(batch.id(), takenOver.attemptId(), "sftp://payer/in/" + batch.fileName(), "uploaded");

            // A wakes: its upload failed for good (or succeeded, or is to be retried): none of it is recorded
            nodeA.renew();
            assertThatThrownBy(() -> deliveryA.ensureHoldsAttempt(batch.id(), frozen.attemptId()))
                    .isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> deliveryA.markDead(batch.id(), frozen.attemptId(), "REJECTED", "refused",
                    dir.resolve("dead").toString())).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> deliveryA.markFailed(batch.id(), frozen.attemptId(), "timeout",
                    clock.instant().plusSeconds(60))).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> deliveryA.markDelivered(batch.id(), frozen.attemptId(), "sftp://payer/in/x", "late"))
                    .isInstanceOf(LeaseLostException.class);

            DeliveryLedger.Delivery delivery = deliveryB.delivery(batch.id()).orElseThrow();
            assertThat(delivery.status()).isEqualTo(DeliveryLedger.DELIVERED);
            assertThat(delivery.destination()).isEqualTo("sftp://payer/in/" + batch.fileName());
            assertThat(deliveryB.attempts(batch.id())).extracting(DeliveryLedger.Attempt::id, DeliveryLedger.Attempt::outcome)
                    .containsExactly(tuple(frozen.attemptId(), "INTERRUPTED"), tuple(takenOver.attemptId(), "DELIVERED"));
            assertThat(claims.queries().claim(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.DELIVERED);
        }
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }
}
