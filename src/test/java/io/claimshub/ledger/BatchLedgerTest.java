package io.claimshub.ledger;

import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.BatchLedger.NextBatch;
import io.claimshub.ledger.BatchLedger.PendingClaim;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch ledger's rules, on H2 and (when CI provides it) PostgreSQL through the same code. */
class BatchLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_next_batch_holds_the_oldest_waiting_claims_with_their_payloads_one_set_per_clinic(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long s1 = accept(ledger, "sunrise", "S1");
            long m1 = accept(ledger, "moonlight", "M1");
            long s2 = accept(ledger, "sunrise", "S2");
            accept(ledger, "sunrise", "S3");

            NextBatch next = ledger.batches().nextBatch("acme", 3, n -> "acme-" + n + ".837").orElseThrow();

            assertThat(next.batch().fileName()).isEqualTo("acme-1.837");
            assertThat(next.batch().st02s()).containsExactly("000000001", "000000002");
            assertThat(next.sets()).hasSize(2);
            assertThat(next.sets().get(0)).extracting(PendingClaim::id).containsExactly(s1, s2);
            assertThat(next.sets().get(1)).extracting(PendingClaim::id).containsExactly(m1);
            assertThat(next.claims()).extracting(PendingClaim::payloadJson).containsOnly("{\"clm01\":1}");
            assertThat(next.sets()).isEqualTo(ledger.batches().claimsInBatch(next.batch().id()));
            assertThat(ledger.queries().claim(s1).orElseThrow().status()).isEqualTo(ClaimStatus.QUEUED);
            assertThat(ledger.queries().claim(s1).orElseThrow().st02()).isEqualTo("000000001");
            assertThat(ledger.queries().claim(m1).orElseThrow().st02()).isEqualTo("000000002");
            assertThat(ledger.queries().countPending("acme")).isEqualTo(1);

            assertThat(ledger.batches().nextBatch("acme", 3, n -> "acme-" + n + ".837").orElseThrow().claims())
                    .extracting(PendingClaim::clm01).containsExactly("S3");
            assertThat(ledger.batches().nextBatch("acme", 3, n -> "acme-" + n + ".837")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_due_batch_is_made_only_when_it_is_full_or_its_oldest_claim_waited_long_enough(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            Instant received = CLOCK.instant();
            Instant tooEarly = received.minusSeconds(1);
            assertThat(due(ledger, 2, received)).as("nothing waits").isEmpty();
            accept(ledger, "sunrise", "W1");

            assertThat(due(ledger, 2, tooEarly)).as("neither full nor old enough").isEmpty();
            assertThat(ledger.queries().countPending("acme")).isEqualTo(1);

            accept(ledger, "sunrise", "W2");
            accept(ledger, "sunrise", "W3");
            assertThat(due(ledger, 2, tooEarly).orElseThrow().claims()).as("full").extracting(PendingClaim::clm01)
                    .containsExactly("W1", "W2");
            assertThat(due(ledger, 2, tooEarly)).as("the rest is neither full nor old enough").isEmpty();
            assertThat(due(ledger, 2, received).orElseThrow().claims()).as("old enough").extracting(PendingClaim::clm01)
                    .containsExactly("W3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void control_numbers_survive_a_restart_and_are_never_reused(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        List<Long> numbers = new ArrayList<>();
        try (LedgerDatabase db = target.open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            for (int i = 0; i < 3; i++) {
                long id = ledger.intake().recordClaim(claim("B" + i, "b" + i)).claimId();
                Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(id)));
                numbers.add(batch.interchangeControlNumber());
            }
        }
        try (LedgerDatabase db = target.open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long a = ledger.intake().recordClaim(claim("C1", "c1")).claimId();
            long b = ledger.intake().recordClaim(claim("C2", "c2")).claimId();
            Batch twoSets = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(a), List.of(b)));
            numbers.add(twoSets.interchangeControlNumber());
            assertThat(twoSets.st02s()).containsExactly("000000004", "000000005");
            long c = ledger.intake().recordClaim(claim("C3", "c3")).claimId();
            numbers.add(ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(c))).interchangeControlNumber());
            assertThat(ledger.batches().unfinishedBatches()).hasSize(5);
            assertThat(ledger.batches().claimsInBatch(twoSets.id())).extracting(set -> set.get(0).clm01())
                    .containsExactly("C1", "C2");
        }
        assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 6L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_batch_fails_as_a_whole_when_a_claim_was_already_batched(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long a = ledger.intake().recordClaim(claim("D1", "d1")).claimId();
            long b = ledger.intake().recordClaim(claim("D2", "d2")).claimId();
            ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(a)));

            assertThatThrownBy(() -> ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(b, a))))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("is not waiting for a batch");
            assertThat(ledger.queries().claim(b).orElseThrow().status()).isEqualTo(ClaimStatus.VALIDATED);
            assertThat(ledger.queries().countPending("acme")).isEqualTo(1);
            assertThat(ledger.queries().oldestPending("acme")).contains(CLOCK.instant());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_batch_larger_than_a_transaction_holds_is_taken_and_delivered_a_few_claims_per_transaction(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            List<Long> ids = acceptMany(ledger, 5);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            BatchLedger batches = new BatchLedger(probe, CLOCK, null, 2);

            NextBatch next = batches.nextBatch("acme", 5, n -> "acme-" + n + ".837").orElseThrow();
            batches.markBatchDelivered(next.batch().id(), "/payers/acme");

            assertThat(next.claims()).extracting(PendingClaim::id).containsExactlyElementsOf(ids);
            assertThat(probe.claimRowsPerCommit()).as("claim rows changed per transaction")
                    .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(2));
            assertThat(probe.claimRowsPerCommit().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
            assertDeliveredOnce(ledger, ids);
            assertThat(new DeliveryLedger(db.dataSource(), CLOCK).claimCount(next.batch().id())).isEqualTo(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_stop_between_two_transactions_taking_a_batch_leaves_a_smaller_batch_that_recovery_finishes(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            List<Long> ids = acceptMany(ledger, 5);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            probe.failExecution("UPDATE claim SET status = ?, batch_id", 2);

            assertThatThrownBy(() -> new BatchLedger(probe, CLOCK, null, 2).nextBatch("acme", 5, n -> "acme-" + n + ".837"))
                    .isInstanceOf(LedgerException.class).hasRootCauseMessage("injected failure: the hub stops here");

            // start-up: the batch made before the stop holds the claims taken so far, the rest still wait
            BatchLedger restarted = new BatchLedger(db.dataSource(), CLOCK, null, 2);
            Batch unfinished = restarted.unfinishedBatches().stream().collect(onlyOne());
            assertThat(restarted.claimsInBatch(unfinished.id())).flatExtracting(set -> set).extracting(PendingClaim::id)
                    .containsExactlyElementsOf(ids.subList(0, 2));
            assertThat(new DeliveryLedger(db.dataSource(), CLOCK).claimCount(unfinished.id())).isEqualTo(2);
            restarted.markBatchDelivered(unfinished.id(), "/payers/acme");
            NextBatch rest = restarted.nextBatch("acme", 5, n -> "acme-" + n + ".837").orElseThrow();
            assertThat(rest.claims()).extracting(PendingClaim::id).containsExactlyElementsOf(ids.subList(2, 5));
            restarted.markBatchDelivered(rest.batch().id(), "/payers/acme");

            assertDeliveredOnce(ledger, ids);
            assertThat(restarted.unfinishedBatches()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_stop_between_two_transactions_marking_a_batch_delivered_is_finished_by_recovery_without_a_claim_twice(
            String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            List<Long> ids = acceptMany(ledger, 5);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            BatchLedger batches = new BatchLedger(probe, CLOCK, null, 2);
            Batch batch = batches.nextBatch("acme", 5, n -> "acme-" + n + ".837").orElseThrow().batch();
            probe.failExecution("UPDATE claim SET status = ?, updated_at", 2);

            assertThatThrownBy(() -> batches.markBatchDelivered(batch.id(), "/payers/acme"))
                    .isInstanceOf(LedgerException.class).hasRootCauseMessage("injected failure: the hub stops here");
            assertThat(ledger.queries().claim(ids.get(0)).orElseThrow().status()).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(ledger.queries().claim(ids.get(4)).orElseThrow().status()).isEqualTo(ClaimStatus.QUEUED);

            BatchLedger restarted = new BatchLedger(db.dataSource(), CLOCK, null, 2);
            assertThat(restarted.unfinishedBatches()).extracting(Batch::id).containsExactly(batch.id());
            restarted.markBatchDelivered(batch.id(), "/payers/acme");

            assertDeliveredOnce(ledger, ids);
            assertThat(restarted.unfinishedBatches()).isEmpty();
        }
    }

    private static List<Long> acceptMany(Ledgers ledger, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(accept(ledger, "sunrise", "P" + i));
        }
        return ids;
    }

    private static void assertDeliveredOnce(Ledgers ledger, List<Long> ids) {
        for (long id : ids) {
            assertThat(ledger.queries().history(id)).as("history of claim " + id).extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED);
        }
        assertThat(ledger.queries().countPending("acme")).isZero();
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }

    private static Optional<NextBatch> due(Ledgers ledger, int maxClaims, Instant oldestReceivedBy) {
        return ledger.batches().nextDueBatch("acme", maxClaims, oldestReceivedBy, n -> "acme-" + n + ".837");
    }

    private static long accept(Ledgers ledger, String clinicId, String clm01) {
        return ledger.intake().recordClaim(new IncomingClaim(clinicId, clm01, "1", null, "acme", new BigDecimal("95.00"),
                "{\"clm01\":1}", "h-" + clm01, new Source("file", "visit.hl7", null), List.of())).claimId();
    }

    private static IncomingClaim claim(String clm01, String hash) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("215.00"), "{\"x\":1}", hash,
                new Source("file", "visit.hl7", null), List.of());
    }
}
