package io.claimshub.ledger;

import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;
import io.claimshub.ledger.IntakeLedger.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MSH-4 + MSH-10 resend rule across hubs: the same message sent to two hubs at once (an EHR
 * resending through the load balancer) is one claim, and both senders are answered, one ACCEPTED and
 * one DUPLICATE, never an error.
 */
class ClusterIntakeTest {

    @TempDir
    Path dir;

    @Test
    void the_same_message_recorded_by_two_hubs_at_once_is_one_claim_and_both_get_an_answer() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        try (LedgerDatabase db = LedgerDatabases.target("postgresql", dir).open()) {
            IntakeLedger hubA = new IntakeLedger(db.dataSource(), Clock.systemUTC());
            IntakeLedger hubB = new IntakeLedger(db.dataSource(), Clock.systemUTC());
            ClaimQueries queries = new ClaimQueries(db.dataSource(), Clock.systemUTC());
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<CompletableFuture<IntakeOutcome>> outcomes = new ArrayList<>();
            int messages = 100;
            for (int i = 0; i < messages; i++) {
                IncomingClaim message = message("MSG" + i);
                for (IntakeLedger hub : List.of(hubA, hubB)) {
                    outcomes.add(CompletableFuture.supplyAsync(() -> hub.recordMessage(message), senders));
                }
            }
            List<IntakeOutcome.Kind> kinds = new ArrayList<>();
            for (CompletableFuture<IntakeOutcome> outcome : outcomes) {
                kinds.add(outcome.get().kind());
            }
            senders.shutdown();
            assertThat(kinds.stream().filter(k -> k == IntakeOutcome.Kind.ACCEPTED)).hasSize(messages);
            assertThat(kinds.stream().filter(k -> k == IntakeOutcome.Kind.DUPLICATE)).hasSize(messages);
            for (int i = 0; i < messages; i++) {
                assertThat(queries.findByClm01("sunrise", "ACC-MSG" + i)).hasSize(1);
            }
        }
    }

    private static IncomingClaim message(String controlId) {
        return new IncomingClaim("sunrise", "ACC-" + controlId, "1", null, "acme", new BigDecimal("95.00"), "{}",
                "hash-" + controlId, new Source("mllp", "127.0.0.1", controlId), List.of());
    }
}
