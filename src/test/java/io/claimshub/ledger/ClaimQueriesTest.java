package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimQueries.Filter;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator queries (search, dead batches, redelivery) and the audit log, on H2 and PostgreSQL. */
class ClaimQueriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void search_combines_filters_and_pages_newest_first_with_a_total(String database) throws Exception {
        try (LedgerDatabase db = open(database)) {
            record(db, "north", "C1", "acme", "2026-01-10T23:59:00Z", List.of());
            record(db, "north", "C2", "acme", "2026-01-11T00:00:00Z", List.of(new Reason("claim", "X", "bad")));
            record(db, "north", "C3", "medicare", "2026-01-12T08:00:00Z", List.of());
            record(db, "south", "C4", "acme", "2026-01-11T08:00:00Z", List.of());
            ClaimQueries queries = new ClaimQueries(db.dataSource(), CLOCK);

            assertThat(clm01s(queries.search(new Filter("north", null, null, null, null, null), 10, 0)))
                    .containsExactly("C3", "C2", "C1");
            assertThat(clm01s(queries.search(new Filter(null, "acme", ClaimStatus.VALIDATED, null, null, null), 10, 0)))
                    .containsExactly("C4", "C1");
            assertThat(clm01s(queries.search(new Filter(null, null, null, LocalDate.parse("2026-01-11"),
                    LocalDate.parse("2026-01-11"), null), 10, 0))).containsExactly("C4", "C2");
            assertThat(clm01s(queries.search(new Filter(null, null, null, null, null, "C3"), 10, 0))).containsExactly("C3");
            ClaimQueries.Page<ClaimRecord> page = queries.search(new Filter(null, null, null, null, null, null), 2, 1);
            assertThat(page.total()).isEqualTo(4);
            assertThat(clm01s(page)).containsExactly("C3", "C2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_dead_batch_is_listed_with_its_last_error(String database) throws Exception {
        try (LedgerDatabase db = open(database)) {
            long claimId = record(db, "north", "D1", "acme", "2026-01-10T10:00:00Z", List.of());
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(claimId)));
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("UPDATE batch SET status = 'DEAD' WHERE id = " + batch.id());
                statement.execute("UPDATE claim SET status = 'DEAD' WHERE id = " + claimId);
                statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                        + ", TIMESTAMP '2026-11-01 09:00:00', 'DEAD', 'first try failed')");
                statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                        + ", TIMESTAMP '2026-11-01 09:30:00', 'DEAD', 'connection refused')");
            }
            ClaimQueries queries = new ClaimQueries(db.dataSource(), CLOCK);

            assertThat(queries.deadBatches()).singleElement().satisfies(dead -> {
                assertThat(dead.fileName()).isEqualTo("acme-1.837");
                assertThat(dead.lastError()).isEqualTo("connection refused");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_audit_log_is_found_by_claim_user_and_time(String database) throws Exception {
        try (LedgerDatabase db = open(database)) {
            new AuditLog(db.dataSource(), Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC))
                    .record("rita", "reader", "view-claim", 7L, "sunrise ACC1", "shown");
            AuditLog audit = new AuditLog(db.dataSource(), Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC));
            audit.record("otto", "operator", "redeliver", null, "acme-1.837", "queued");

            assertThat(audit.find(new AuditLog.Query(7L, null, null, null), 10, 0).items())
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.user()).isEqualTo("rita");
                        assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
                    });
            assertThat(audit.find(new AuditLog.Query(null, "otto", null, null), 10, 0).items())
                    .extracting(AuditLog.Entry::action).containsExactly("redeliver");
            assertThat(audit.find(new AuditLog.Query(null, null, Instant.parse("2026-11-02T00:00:00Z"), null), 10, 0).items())
                    .extracting(AuditLog.Entry::user).containsExactly("otto");
            assertThat(audit.find(new AuditLog.Query(null, null, null, Instant.parse("2026-11-02T00:00:00Z")), 10, 0).total())
                    .isEqualTo(1);
        }
    }

    private LedgerDatabase open(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        return target.open();
    }

    private static long record(LedgerDatabase db, String clinic, String clm01, String payer, String at, List<Reason> reasons) {
        Ledgers ledger = Ledgers.open(db.dataSource(), Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
        return ledger.intake().recordClaim(new IncomingClaim(clinic, clm01, "1", null, payer, new BigDecimal("10.00"), "{}",
                "h-" + clm01, new Source("file", "f.json", null), reasons)).claimId();
    }

    private static List<String> clm01s(ClaimQueries.Page<ClaimRecord> page) {
        return page.items().stream().map(ClaimRecord::clm01).toList();
    }
}
