package io.claimshub.api;

import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.ManualPayments;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** A payment entered through the API: each bad field is refused with a reason a billing clerk can act on. */
class PaymentsApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ApiUser OTTO = new ApiUser("otto", Role.OPERATOR);

    @TempDir
    Path dir;

    private LedgerDatabase db;
    private Ledgers ledger;
    private AuditLog audit;
    private PaymentsApi api;

    @BeforeEach
    void openLedger() {
        db = LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("ledger/claims"), "sa", "");
        ledger = Ledgers.open(db.dataSource(), CLOCK);
        audit = new AuditLog(db.dataSource(), CLOCK);
        api = new PaymentsApi(new ManualPayments(db.dataSource(), CLOCK), audit, CLOCK);
    }

    @AfterEach
    void closeLedger() {
        db.close();
    }

    @Test
    void each_bad_field_is_refused_400_with_what_to_fix() {
        long claim = printed("ACC1");
        assertThat(refused(claim, "not json")).startsWith("the body is not valid JSON (line 1, column ");
        assertThat(refused(claim, "[1]")).startsWith("the body must be one payment as a JSON object, like {");
        assertThat(refused(claim, "{\"paidOn\": \"2026-10-30\"}")).startsWith("'amount' is missing");
        assertThat(refused(claim, "{\"amount\": \"ten\", \"paidOn\": \"2026-10-30\"}"))
                .isEqualTo("'amount' must be a number like \"85.00\", not 'ten'");
        assertThat(refused(claim, "{\"amount\": -5, \"paidOn\": \"2026-10-30\"}")).startsWith("'amount' must not be negative");
        assertThat(refused(claim, "{\"amount\": \"1.001\", \"paidOn\": \"2026-10-30\"}"))
                .isEqualTo("'amount' 1.001 has more than 2 decimals");
        assertThat(refused(claim, "{\"amount\": 5}")).startsWith("'paidOn' is missing");
        assertThat(refused(claim, "{\"amount\": 5, \"paidOn\": \"30/10/2026\"}"))
                .isEqualTo("'paidOn' must be a date like \"2026-12-01\", not '30/10/2026'");
        assertThat(refused(claim, "{\"amount\": 5, \"paidOn\": \"2026-11-02\"}")).isEqualTo("'paidOn' 2026-11-02 is in the future");
        assertThat(refused(claim, "{\"amount\": 5, \"paidOn\": \"2026-10-30\", \"checkNumber\": \"" + "9".repeat(65) + "\"}"))
                .startsWith("'checkNumber' must be at most 64 printable characters");
        assertThat(refused(claim, "{\"amount\": 5, \"paidOn\": \"2026-10-30\", \"payer\": \"x\"}"))
                .isEqualTo("unknown field 'payer'; a payment has amount, paidOn, checkNumber");
        assertThat(audit.find(new AuditLog.Query(claim, null, null, null), 10, 0).items()).isEmpty();
    }

    @Test
    void a_payment_is_recorded_and_audited_and_an_unsent_or_unknown_claim_is_refused() {
        long claim = printed("ACC2");
        long waiting = accept("ACC3");

        PaymentsApi.PaymentRecorded recorded = api.record(OTTO, claim,
                "{\"amount\": 145, \"paidOn\": \"2026-10-30\", \"checkNumber\": \"chk 77\"}");
        ApiException notSent = catchThrowableOfType(ApiException.class,
                () -> api.record(OTTO, waiting, "{\"amount\": 5, \"paidOn\": \"2026-10-30\"}"));
        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> api.record(OTTO, 999_999, "{\"amount\": 5, \"paidOn\": \"2026-10-30\"}"));

        assertThat(recorded).isEqualTo(new PaymentsApi.PaymentRecorded(claim, new BigDecimal("145.00"),
                LocalDate.of(2026, 10, 30), "CHK 77", new BigDecimal("145.00"), "paid"));
        assertThat(notSent.status()).isEqualTo(409);
        assertThat(notSent.getMessage()).isEqualTo("claim " + waiting + " is validated: a payment can be entered once"
                + " the claim was printed or delivered");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(audit.find(new AuditLog.Query(null, "otto", null, null), 10, 0).items())
                .extracting(AuditLog.Entry::action, AuditLog.Entry::target, AuditLog.Entry::outcome)
                .containsExactly(
                        tuple("record-payment", "amount 5.00", "not found"),
                        tuple("record-payment", "amount 5.00", "not sent"),
                        tuple("record-payment", "amount 145.00", "paid"));
    }

    @Test
    void a_user_limited_to_other_clinics_is_answered_as_if_the_claim_did_not_exist() {
        long claim = printed("ACC4");
        ApiUser eastside = new ApiUser("erin", Role.OPERATOR, Set.of("eastside"));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> api.record(eastside, claim, "{\"amount\": 5, \"paidOn\": \"2026-10-30\"}"));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("no claim with id " + claim);
        assertThat(ledger.queries().claim(claim).orElseThrow().status()).isEqualTo(ClaimStatus.PRINTED);
        assertThat(audit.find(new AuditLog.Query(claim, "erin", null, null), 10, 0).items())
                .extracting(AuditLog.Entry::outcome).containsExactly("outside the user's clinics");
    }

    private String refused(long claimId, String body) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> api.record(OTTO, claimId, body));
        assertThat(e).as(body).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e.getMessage();
    }

    private long printed(String clm01) {
        long claimId = accept(clm01);
        BatchLedger.Batch batch = ledger.batches().createBatch("autoins", n -> "autoins-" + n + ".pdf", List.of(List.of(claimId)));
        ledger.batches().markBatchPrinted(batch.id(), "/paper/" + batch.fileName());
        return claimId;
    }

    private long accept(String clm01) {
        return ledger.intake().recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "autoins", new BigDecimal("145.00"), "{}",
                "hash-" + clm01, new Source("api", "api user otto", null), List.of())).claimId();
    }
}
