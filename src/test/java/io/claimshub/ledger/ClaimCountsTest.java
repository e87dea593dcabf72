package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimQueries.StatusCount;
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

/** The dashboard's claim counts by status and payer, on H2 and PostgreSQL. */
class ClaimCountsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void claims_are_counted_per_status_and_payer_in_status_order_with_no_payer_first(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            List<Reason> bad = List.of(new Reason("claim", "X", "bad"));
            record(db, "K1", "medicare", List.of());
            record(db, "K2", "acme", List.of());
            record(db, "K3", "acme", List.of());
            record(db, "K4", "acme", bad);
            record(db, "K5", null, bad);

            List<StatusCount> counts = new ClaimQueries(db.dataSource(), CLOCK).countsByStatusAndPayer();

            assertThat(counts).containsExactly(
                    new StatusCount(ClaimStatus.REJECTED, null, 1),
                    new StatusCount(ClaimStatus.REJECTED, "acme", 1),
                    new StatusCount(ClaimStatus.VALIDATED, "acme", 2),
                    new StatusCount(ClaimStatus.VALIDATED, "medicare", 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void an_empty_ledger_has_no_counts(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            assertThat(new ClaimQueries(db.dataSource(), CLOCK).countsByStatusAndPayer()).isEmpty();
        }
    }

    private static void record(LedgerDatabase db, String clm01, String payer, List<Reason> reasons) {
        new IntakeLedger(db.dataSource(), CLOCK).recordClaim(new IncomingClaim("north", clm01, "1", null, payer,
                new BigDecimal("10.00"), "{}", "h-" + clm01, new Source("file", "f.json", null), reasons));
    }
}
