package io.claimshub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.BatchLedger.PendingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.EncounterLedger.CaptureOutcome;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V13 adds the charge-capture tables to a ledger written before it, on H2 and PostgreSQL; its claims keep working. */
class EncounterMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_ledger_from_before_charge_capture_keeps_its_claims_and_gains_encounters(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        long waiting;
        long sent;
        try (HikariDataSource before = target.pool()) {
            Migrations.apply(before, 12);
            assertThat(maxVersion(before)).as("the ledger was built without V13").isEqualTo(12);
            IntakeLedger old = new IntakeLedger(before, CLOCK);
            waiting = old.recordClaim(claim("OLD-1")).claimId();
            sent = old.recordClaim(claim("OLD-2")).claimId();
            // today's batch code needs the later V14 columns: mark the sent claim the way a V12 hub left it
            try (java.sql.Connection connection = before.getConnection();
                 java.sql.PreparedStatement delivered = connection.prepareStatement(
                         "UPDATE claim SET status = 'DELIVERED' WHERE id = ?")) {
                delivered.setLong(1, sent);
                assertThat(delivered.executeUpdate()).isEqualTo(1);
            }
        }

        try (LedgerDatabase db = target.open()) {
            assertThat(maxVersion(db.dataSource())).isGreaterThanOrEqualTo(13);
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            assertThat(ledger.queries().pendingClaims("acme", 10)).extracting(PendingClaim::id).containsExactly(waiting);
            assertThat(ledger.queries().claim(sent).orElseThrow().status()).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(ledger.intake().recordClaim(claim("OLD-1")).kind()).as("a resend of an old claim is still a duplicate")
                    .isEqualTo(IntakeLedger.IntakeOutcome.Kind.DUPLICATE);

            EncounterLedger encounters = new EncounterLedger(db.dataSource(), CLOCK);
            CaptureOutcome outcome = encounters.capture(new EncounterLedger.Capture("sunrise", "ACC1", "M1", "mllp",
                    "hash-1", old -> "{}", List.of(new EncounterLedger.NewCharge("FT1 #1", "T1", "99213", "",
                    LocalDate.of(2026, 11, 19), new BigDecimal("125.00"), BigDecimal.ONE, "{}")), List.of(), CLOCK.instant()));
            assertThat(outcome.kind()).isEqualTo(CaptureOutcome.Kind.CAPTURED);
            assertThat(encounters.due(10)).singleElement().extracting(EncounterLedger.Encounter::encounterKey)
                    .isEqualTo("ACC1");
            assertThat(encounters.charges(outcome.encounterId())).singleElement()
                    .satisfies(charge -> assertThat(charge.amount()).isEqualByComparingTo("125.00"))
                    .satisfies(charge -> assertThat(charge.serviceDate()).isEqualTo(LocalDate.of(2026, 11, 19)));
        }
    }

    private static IncomingClaim claim(String clm01) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("125.00"),
                "{\"patientControlNumber\":\"" + clm01 + "\"}", "h-" + clm01, new Source("file", "f.json", null),
                List.of());
    }


    private static int maxVersion(javax.sql.DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
