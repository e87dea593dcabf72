package io.claimshub.ledger;

import io.claimshub.claim.Reason;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What stays in the ledger after the payload retention purge, on H2 and PostgreSQL. */
class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String PAYLOAD = "{\"patient\":{\"lastName\":\"DOE\",\"birthDate\":\"1980-02-15\"},\"patientControlNumber\":\"%s\"}";

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void old_finished_claims_lose_only_their_payload_and_in_flight_or_recent_claims_keep_it(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            long delivered = record(db, "OLD-DELIVERED", "2026-08-01T10:00:00Z", List.of());
            long rejected = record(db, "OLD-REJECTED", "2026-08-02T10:00:00Z",
                    List.of(new Reason("FT1 #1", "NPI_CHECK_DIGIT", "rendering provider NPI 1234567890 fails the check digit")));
            long waiting = record(db, "OLD-WAITING", "2026-08-03T10:00:00Z", List.of());
            long dead = record(db, "OLD-DEAD", "2026-08-04T10:00:00Z", List.of());
            long recent = record(db, "NEW-REJECTED", "2026-10-30T10:00:00Z", List.of(new Reason("claim", "X", "bad")));
            Ledgers ledger = Ledgers.open(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
            BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(delivered)));
            ledger.batches().markBatchDelivered(batch.id(), "folder");
            Map<String, Object> deliveredBefore = row(db, delivered);
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("UPDATE claim SET status = 'DEAD' WHERE id = " + dead);
            }

            RetentionPurge.Result result = new RetentionPurge(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC), 30).purge();

            assertThat(result.claimsPurged()).isEqualTo(2);
            assertThat(result.receivedBefore()).isEqualTo(Instant.parse("2026-10-02T10:00:00Z"));
            Map<String, Object> deliveredAfter = row(db, delivered);
            assertThat(deliveredAfter.get("payload")).isNull();
            assertThat(deliveredAfter.get("payload_purged_at")).isNotNull();
            // Everything but the payload is as it was: what was billed, where it went, its control numbers.
            deliveredBefore.remove("payload");
            deliveredBefore.remove("payload_purged_at");
            deliveredAfter.remove("payload");
            deliveredAfter.remove("payload_purged_at");
            assertThat(deliveredAfter).isEqualTo(deliveredBefore);
            assertThat(deliveredAfter).containsEntry("clm01", "OLD-DELIVERED").containsEntry("status", "DELIVERED")
                    .containsEntry("payer_id", "acme").containsEntry("st02", "000000001");
            assertThat(ledger.queries().history(delivered)).extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED, ClaimStatus.DELIVERED);
            assertThat(ledger.queries().history(delivered).get(3).detail())
                    .isEqualTo("patient data removed: received more than 30 days ago (retention)");
            assertThat(row(db, rejected).get("payload")).isNull();
            assertThat(new ClaimQueries(db.dataSource(), Clock.systemUTC()).reasons(rejected))
                    .extracting(Reason::code).containsExactly("NPI_CHECK_DIGIT");

            assertThat((String) row(db, waiting).get("payload")).contains("OLD-WAITING");
            assertThat((String) row(db, recent).get("payload")).contains("NEW-REJECTED");
            assertThat(row(db, waiting).get("payload_purged_at")).isNull();
            assertThat((String) row(db, dead).get("payload")).as("a dead claim may be redelivered").contains("OLD-DEAD");

            assertThat(new RetentionPurge(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC), 30).purge().claimsPurged())
                    .as("a second purge finds nothing new").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void zero_days_keeps_every_payload(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            long old = record(db, "OLD", "2020-01-01T10:00:00Z", List.of(new Reason("claim", "X", "bad")));

            RetentionPurge.Result result = new RetentionPurge(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC), 0).purge();

            assertThat(result.claimsPurged()).isZero();
            assertThat((String) row(db, old).get("payload")).contains("DOE");
        }
    }

    private static long record(LedgerDatabase db, String clm01, String at, List<Reason> reasons) {
        Ledgers ledger = Ledgers.open(db.dataSource(), Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
        return ledger.intake().recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("125.00"),
                PAYLOAD.formatted(clm01), "h-" + clm01, new Source("file", "f.json", null), reasons)).claimId();
    }

    private static Map<String, Object> row(LedgerDatabase db, long claimId) throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.*, p.payload FROM claim c"
                     + " LEFT JOIN claim_payload p ON p.claim_id = c.id WHERE c.id = " + claimId)) {
            rows.next();
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(), rows.getObject(i));
            }
            return row;
        }
    }
}
