package io.claimshub.delivery;

import io.claimshub.batch.BatchFileNames;
import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.ServiceLine;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.ClaimLedger.Batch;
import io.claimshub.ledger.ClaimLedger.IncomingClaim;
import io.claimshub.ledger.ClaimLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.notify.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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
            ClaimLedger claims = new ClaimLedger(db.dataSource(), clock, "node-a");
            long claimId = accept(claims, "F1");
            Batch batch = claims.createBatch("acme", icn -> BatchFileNames.of("acme", clock.instant(), icn),
                    List.of(List.of(claimId)));
            claims.markBatchWritten(batch.id());
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
            assertThat(claims.claim(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.DELIVERED);
        }
    }

    private static HubNodes node(LedgerDatabase db, String id, Clock clock) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, LEASE);
        node.join();
        return node;
    }

    private static long accept(ClaimLedger ledger, String clm01) {
        Person jane = new Person("Doe", "Jane", null, LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        ServiceLine visit = new ServiceLine("FT1 #1", clm01 + "-1", LocalDate.of(2026, 10, 20), "99213", List.of(),
                BigDecimal.ONE, new BigDecimal("95.00"), List.of(1), null);
        Claim claim = new Claim(clm01, new BigDecimal("95.00"), "1", null, null, null, null, jane,
                List.of(new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP1", "W1", "18", jane)),
                List.of(new Diagnosis("J209", "DG1 #1")), List.of(visit), List.of());
        String json = ClaimJson.write(claim);
        return ledger.recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "acme", claim.totalCharge(), json,
                ClaimJson.contentHash(json), new Source("file", "visits.hl7", "M-" + clm01), List.of())).claimId();
    }
}
