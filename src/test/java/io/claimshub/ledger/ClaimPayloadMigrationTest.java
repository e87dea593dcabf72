package io.claimshub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.BatchLedger.PendingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V5 moves each claim's payload out of the claim row into claim_payload, on H2 and PostgreSQL. */
class ClaimPayloadMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String PAYLOAD = "{\"patient\":{\"lastName\":\"DOE\"},\"patientControlNumber\":\"%s\"}";

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_ledger_at_version_4_keeps_its_payloads_readable_after_the_move_to_claim_payload(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (HikariDataSource v4 = target.pool()) {
            Migrations.apply(v4, 4);
            try (Connection connection = v4.getConnection(); Statement statement = connection.createStatement()) {
                ResultSet versions = statement.executeQuery("SELECT MAX(version) FROM schema_version");
                versions.next();
                assertThat(versions.getInt(1)).as("the ledger was built at version 4").isEqualTo(4);
            }
            insertV4Claim(v4, "OLD-WAITING", PAYLOAD.formatted("OLD-WAITING"), null);
            insertV4Claim(v4, "OLD-PURGED", null, Instant.parse("2026-10-01T00:00:00Z"));
        }

        try (LedgerDatabase db = target.open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            ClaimQueries queries = new ClaimQueries(db.dataSource(), CLOCK);
            List<PendingClaim> pending = ledger.queries().pendingClaims("acme", 10);

            assertThat(versions(db)).containsExactly(1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16);
            assertThat(pending).extracting(PendingClaim::clm01).containsExactly("OLD-WAITING");
            assertThat(pending.get(0).payloadJson()).isEqualTo(PAYLOAD.formatted("OLD-WAITING"));
            long waiting = pending.get(0).id();
            long purged = ledger.queries().findByClm01("sunrise", "OLD-PURGED").get(0).id();
            assertThat(queries.payload(waiting)).contains(PAYLOAD.formatted("OLD-WAITING"));
            assertThat(queries.payload(purged)).as("a purged payload stays purged").isEmpty();
            assertThat(queries.payloadPurgedAt(purged)).contains(Instant.parse("2026-10-01T00:00:00Z"));
            assertThat(count(db, "SELECT COUNT(*) FROM claim_payload")).isEqualTo(1);
            assertThatThrownBy(() -> count(db, "SELECT COUNT(payload) FROM claim"))
                    .as("the claim row no longer carries the payload").isInstanceOf(SQLException.class);

            BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(waiting)));
            assertThat(ledger.batches().claimsInBatch(batch.id())).singleElement().satisfies(set ->
                    assertThat(set).singleElement().extracting(PendingClaim::payloadJson)
                            .isEqualTo(PAYLOAD.formatted("OLD-WAITING")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_new_claim_has_its_payload_in_claim_payload_and_a_rejected_claim_without_payload_has_no_row(String database)
            throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long accepted = ledger.intake().recordClaim(claim("NEW-1", PAYLOAD.formatted("NEW-1"))).claimId();
            long withoutPayload = ledger.intake().recordClaim(claim("NEW-2", null)).claimId();

            assertThat(count(db, "SELECT COUNT(*) FROM claim_payload WHERE claim_id = " + accepted)).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM claim_payload WHERE claim_id = " + withoutPayload)).isZero();
            assertThat(ledger.queries().pendingClaims("acme", 10)).extracting(PendingClaim::payloadJson)
                    .containsExactly(PAYLOAD.formatted("NEW-1"), null);
        }
    }

    private static IncomingClaim claim(String clm01, String payload) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("125.00"), payload, "h-" + clm01,
                new Source("file", "f.json", null), List.of());
    }


    /** A claim as the code before V5 wrote it: the payload in the claim row (NULL once purged). */
    private static void insertV4Claim(HikariDataSource dataSource, String clm01, String payload, Instant purgedAt)
            throws SQLException {
        Timestamp at = Jdbc.timestamp(Instant.parse("2026-10-30T10:00:00Z"));
        try (Connection connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO claim (clinic_id, clm01, frequency, payer_id, total_charge, status, content_hash, source_kind,"
                        + " payload, payload_purged_at, received_at, updated_at)"
                        + " VALUES ('sunrise', ?, '1', 'acme', 125.00, ?, ?, 'file', ?, ?, ?, ?)")) {
            insert.setString(1, clm01);
            insert.setString(2, purgedAt == null ? ClaimStatus.VALIDATED.name() : ClaimStatus.DELIVERED.name());
            insert.setString(3, "h-" + clm01);
            insert.setString(4, payload);
            insert.setTimestamp(5, purgedAt == null ? null : Jdbc.timestamp(purgedAt));
            insert.setTimestamp(6, at);
            insert.setTimestamp(7, at);
            insert.executeUpdate();
        }
    }

    private static long count(LedgerDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Integer> versions(LedgerDatabase db) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
