package io.claimshub.ledger;

import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ManualPayments.Outcome;
import io.claimshub.ledger.ManualPayments.Recorded;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paper payer's batch marks its claims PRINTED; payments entered by hand then move them as an 835
 * would, never backwards, and only once the claim went out. On H2 and (when CI provides it) PostgreSQL.
 */
class ManualPaymentsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate PAID_ON = LocalDate.of(2026, 10, 28);

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_printed_claim_paid_in_part_and_then_the_rest_becomes_partially_paid_and_then_paid(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            ManualPayments payments = new ManualPayments(db.dataSource(), CLOCK);
            long claimId = printed(ledger, "ACC1");
            assertThat(ledger.queries().claim(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.PRINTED);

            Recorded part = payments.record(claimId, new BigDecimal("50.00"), PAID_ON, "10045", "otto", Set.of());
            Recorded rest = payments.record(claimId, new BigDecimal("95.00"), PAID_ON, null, "otto", Set.of());

            assertThat(part).isEqualTo(new Recorded(Outcome.RECORDED, ClaimStatus.PRINTED, ClaimStatus.PARTIALLY_PAID,
                    new BigDecimal("50.00")));
            assertThat(rest).isEqualTo(new Recorded(Outcome.RECORDED, ClaimStatus.PARTIALLY_PAID, ClaimStatus.PAID,
                    new BigDecimal("145.00")));
            assertThat(ledger.queries().claim(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.PAID);
            assertThat(ledger.queries().history(claimId)).extracting(ClaimQueries.ClaimEvent::status).containsExactly(
                    ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.PRINTED, ClaimStatus.PARTIALLY_PAID,
                    ClaimStatus.PAID);
            assertThat(ledger.queries().history(claimId).get(2).detail()).isEqualTo("printed on a CMS-1500 in /paper/acme-1.pdf");
            assertThat(ledger.queries().history(claimId).get(3).detail())
                    .isEqualTo("payment of 50.00 paid 2026-10-28 check 10045 entered by otto; 50.00 paid in all");
            assertThat(count(db, "SELECT COUNT(*) FROM manual_payment WHERE claim_id = " + claimId)).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM batch WHERE status = 'printed'")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void nothing_paid_is_a_denial(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long claimId = printed(ledger, "ACC2");

            Recorded denied = new ManualPayments(db.dataSource(), CLOCK).record(claimId, new BigDecimal("0.00"), PAID_ON,
                    null, "otto", Set.of());

            assertThat(denied.after()).isEqualTo(ClaimStatus.DENIED);
            assertThat(ledger.queries().claim(claimId).orElseThrow().status()).isEqualTo(ClaimStatus.DENIED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_claim_not_yet_sent_or_unknown_takes_no_payment(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            ManualPayments payments = new ManualPayments(db.dataSource(), CLOCK);
            long waiting = ledger.intake().recordClaim(claim("ACC3")).claimId();

            assertThat(payments.record(waiting, BigDecimal.TEN, PAID_ON, null, "otto", Set.of()))
                    .isEqualTo(new Recorded(Outcome.NOT_SENT, ClaimStatus.VALIDATED, ClaimStatus.VALIDATED, null));
            assertThat(payments.record(999_999, BigDecimal.TEN, PAID_ON, null, "otto", Set.of()).outcome())
                    .isEqualTo(Outcome.NO_SUCH_CLAIM);
            assertThat(count(db, "SELECT COUNT(*) FROM manual_payment")).isZero();
            assertThat(ledger.queries().claim(waiting).orElseThrow().status()).isEqualTo(ClaimStatus.VALIDATED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_reversed_claim_keeps_its_status_but_the_payment_is_kept(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, tempDir).open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            long claimId = printed(ledger, "ACC4");
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE claim SET status = 'REVERSED' WHERE id = " + claimId);
            }

            Recorded recorded = new ManualPayments(db.dataSource(), CLOCK).record(claimId, new BigDecimal("145.00"),
                    PAID_ON, null, "otto", Set.of());

            assertThat(recorded.outcome()).isEqualTo(Outcome.RECORDED);
            assertThat(recorded.after()).isEqualTo(ClaimStatus.REVERSED);
            assertThat(ledger.queries().history(claimId).get(ledger.queries().history(claimId).size() - 1).detail())
                    .endsWith("145.00 paid in all, status not changed: the claim is already reversed");
            assertThat(count(db, "SELECT COUNT(*) FROM manual_payment")).isEqualTo(1);
        }
    }

    /** A claim for 145.00, batched for a paper payer and printed. */
    private static long printed(Ledgers ledger, String clm01) {
        long claimId = ledger.intake().recordClaim(claim(clm01)).claimId();
        Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".pdf", List.of(List.of(claimId)));
        ledger.batches().markBatchPrinted(batch.id(), "/paper/" + batch.fileName());
        return claimId;
    }

    private static IncomingClaim claim(String clm01) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("145.00"), "{}", "hash-" + clm01,
                new Source("file", "visit.hl7", "M-" + clm01), List.of());
    }

    private static long count(LedgerDatabase db, String sql) throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
