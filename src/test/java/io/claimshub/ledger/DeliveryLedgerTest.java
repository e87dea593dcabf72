package io.claimshub.ledger;

import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.TransactionProbe;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery records on H2 and, when CLAIMSHUB_TEST_PG_URL is set, PostgreSQL. */
class DeliveryLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;


    private static BatchLedger.Batch writtenBatch(Ledgers claims, String payer, String clm01) {
        long id = claims.intake().recordClaim(new IncomingClaim("sunrise", clm01, "1", null, payer, new BigDecimal("10.00"), "{}",
                "h-" + clm01, new Source("file", "v.hl7", null), List.of())).claimId();
        BatchLedger.Batch batch = claims.batches().createBatch(payer, icn -> payer + "-" + icn + ".837", List.of(List.of(id)));
        claims.batches().markBatchWritten(batch.id());
        return batch;
    }

    /** The written batch queued for delivery and its first attempt started. */
    private static DeliveryLedger.Started firstAttempt(DeliveryLedger ledger, BatchLedger.Batch batch) {
        ledger.enqueueWritten(List.of(batch.payerId()));
        return ledger.startAttempt(batch.id()).orElseThrow();
    }

    private static ClaimStatus status(Ledgers claims, BatchLedger.Batch batch) {
        return claims.queries().claim(claims.batches().claimsInBatch(batch.id()).get(0).get(0).id()).orElseThrow().status();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_batch_is_queued_sent_retried_and_delivered_with_every_attempt_and_claim_event_recorded(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            Ledgers claims = Ledgers.open(db.dataSource(), CLOCK);
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = writtenBatch(claims, "acme", "ACC1");
            BatchLedger.Batch folderPayers = writtenBatch(claims, "other", "ACC2");

            assertThat(ledger.enqueueWritten(List.of("acme"))).isEqualTo(1);
            assertThat(ledger.enqueueWritten(List.of("acme"))).isZero();
            assertThat(ledger.due(10)).extracting(DeliveryLedger.Delivery::fileName).containsExactly(batch.fileName());
            assertThat(ledger.delivery(folderPayers.id())).isEmpty();

            DeliveryLedger.Started first = ledger.startAttempt(batch.id()).orElseThrow();
            assertThat(first.resumed()).isFalse();
            assertThat(status(claims, batch)).isEqualTo(ClaimStatus.SENDING);
            ledger.markFailed(batch.id(), first.attemptId(), "cannot connect", CLOCK.instant().plusSeconds(30));
            assertThat(ledger.due(10)).isEmpty();
            assertThat(ledger.startAttempt(batch.id())).as("not before its backoff has passed").isEmpty();
            ledger.requeue(batch.id());

            DeliveryLedger.Started second = ledger.startAttempt(batch.id()).orElseThrow();
            assertThat(second.resumed()).isTrue();
            assertThat(second.number()).isEqualTo(2);
            ledger.markDelivered(batch.id(), second.attemptId(), "sftp://host/inbound/" + batch.fileName(), "renamed");

            assertThat(ledger.delivery(batch.id()).orElseThrow().status()).isEqualTo(DeliveryLedger.DELIVERED);
            assertThat(ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("FAILED", "DELIVERED");
            assertThat(status(claims, batch)).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(claims.queries().history(claims.batches().claimsInBatch(batch.id()).get(0).get(0).id()))
                    .extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.SENDING, ClaimStatus.DELIVERED);
            assertThat(ledger.requeue(batch.id())).isFalse();
            assertThat(ledger.startAttempt(batch.id())).as("a delivered batch gets no further attempt").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void an_error_longer_than_its_column_is_cut_and_marked_as_cut_like_every_ledger_text(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            Ledgers claims = Ledgers.open(db.dataSource(), CLOCK);
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = writtenBatch(claims, "acme", "ACC1");
            DeliveryLedger.Started attempt = firstAttempt(ledger, batch);
            String error = "HTTP 500: " + "x".repeat(5000);

            ledger.markDead(batch.id(), attempt.attemptId(), "FAILED", error, "data/dead/acme/" + batch.fileName());

            String lastError = ledger.delivery(batch.id()).orElseThrow().lastError();
            assertThat(lastError).hasSize(4000).startsWith("HTTP 500: xxx").endsWith("x…");
            assertThat(ledger.attempts(batch.id()).get(0).error()).isEqualTo(lastError);
            long claimId = claims.batches().claimsInBatch(batch.id()).get(0).get(0).id();
            assertThat(claims.queries().history(claimId)).last().extracting(ClaimQueries.ClaimEvent::detail)
                    .asString().hasSize(4000).startsWith("file " + batch.fileName() + " not delivered: HTTP 500").endsWith("x…");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_dead_batch_can_be_requeued_with_a_fresh_count_of_attempts(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            Ledgers claims = Ledgers.open(db.dataSource(), CLOCK);
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = writtenBatch(claims, "acme", "ACC1");
            DeliveryLedger.Started attempt = firstAttempt(ledger, batch);
            ledger.markDead(batch.id(), attempt.attemptId(), "REJECTED", "HTTP 401", "data/dead/acme/" + batch.fileName());

            assertThat(ledger.withStatus("acme", DeliveryLedger.DEAD)).hasSize(1);
            assertThat(status(claims, batch)).isEqualTo(ClaimStatus.DEAD);

            assertThat(ledger.requeue(batch.id())).isTrue();
            DeliveryLedger.Delivery again = ledger.delivery(batch.id()).orElseThrow();
            assertThat(again.status()).isEqualTo(DeliveryLedger.QUEUED);
            assertThat(again.attempts()).isZero();
            assertThat(again.lastError()).isEqualTo("HTTP 401");
            assertThat(status(claims, batch)).isEqualTo(ClaimStatus.QUEUED);
            assertThat(ledger.byFileName(batch.fileName())).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_file_of_many_claims_is_sent_and_delivered_a_few_claims_per_transaction(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers claims = Ledgers.open(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = writtenBatch(claims, 5);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            DeliveryLedger ledger = new DeliveryLedger(probe, CLOCK, null, 2);
            ledger.enqueueWritten(List.of("acme"));

            DeliveryLedger.Started attempt = ledger.startAttempt(batch.id()).orElseThrow();
            ledger.markDelivered(batch.id(), attempt.attemptId(), "sftp://host/inbound/" + batch.fileName(), "renamed");

            assertThat(probe.claimRowsPerCommit()).as("claim rows changed per transaction")
                    .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(2));
            assertThat(probe.claimRowsPerCommit().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
            assertSentAndDeliveredOnce(claims, batch, ledger);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_stop_while_the_claims_of_a_file_move_to_sending_or_delivered_is_finished_by_the_next_attempt(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers claims = Ledgers.open(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = writtenBatch(claims, 5);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            DeliveryLedger ledger = new DeliveryLedger(probe, CLOCK, null, 2);
            ledger.enqueueWritten(List.of("acme"));

            probe.failExecution("UPDATE claim SET status = ?, updated_at", 2);
            assertThatThrownBy(() -> ledger.startAttempt(batch.id())).isInstanceOf(LedgerException.class)
                    .hasRootCauseMessage("injected failure: the hub stops here");
            // restarted: the next attempt finds the first interrupted and moves the claims left behind
            probe.stopFailing();
            DeliveryLedger.Started second = ledger.startAttempt(batch.id()).orElseThrow();
            assertThat(second.resumed()).isTrue();
            assertThat(claims.batches().claimsInBatch(batch.id()).get(0)).extracting(claim ->
                    claims.queries().claim(claim.id()).orElseThrow().status()).containsOnly(ClaimStatus.SENDING);

            probe.failExecution("UPDATE claim SET status = ?, updated_at", 2);
            assertThatThrownBy(() -> ledger.markDelivered(batch.id(), second.attemptId(), "sftp://host/x", "renamed"))
                    .isInstanceOf(LedgerException.class);
            probe.stopFailing();
            DeliveryLedger.Started third = ledger.startAttempt(batch.id()).orElseThrow();
            ledger.markDelivered(batch.id(), third.attemptId(), "sftp://host/inbound/" + batch.fileName(), "renamed");

            assertThat(ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome)
                    .containsExactly("INTERRUPTED", "INTERRUPTED", "DELIVERED");
            assertSentAndDeliveredOnce(claims, batch, ledger);
        }
    }

    private static BatchLedger.Batch writtenBatch(Ledgers claims, int count) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(claims.intake().recordClaim(new IncomingClaim("sunrise", "M" + i, "1", null, "acme",
                    new BigDecimal("10.00"), "{}", "h-M" + i, new Source("file", "v.hl7", null), List.of())).claimId());
        }
        BatchLedger.Batch batch = claims.batches().createBatch("acme", icn -> "acme-" + icn + ".837", List.of(ids));
        claims.batches().markBatchWritten(batch.id());
        return batch;
    }

    private static void assertSentAndDeliveredOnce(Ledgers claims, BatchLedger.Batch batch, DeliveryLedger ledger) {
        assertThat(ledger.delivery(batch.id()).orElseThrow().status()).isEqualTo(DeliveryLedger.DELIVERED);
        for (BatchLedger.PendingClaim claim : claims.batches().claimsInBatch(batch.id()).get(0)) {
            assertThat(claims.queries().history(claim.id())).as("history of " + claim.clm01())
                    .extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.SENDING, ClaimStatus.DELIVERED);
        }
    }
}
