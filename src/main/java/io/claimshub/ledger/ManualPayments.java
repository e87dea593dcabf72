package io.claimshub.ledger;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Payments a billing clerk enters by hand, from a paper remittance or a check, for claims whose payer
 * sends no 835 (paper claims above all). Each is kept ({@code manual_payment}, V12) and moves the
 * claim as an 835 would: nothing paid is DENIED, less than the charge PARTIALLY_PAID, the charge or
 * more PAID, counting every payment entered for the claim; never backwards (a REVERSED claim stays).
 */
public final class ManualPayments {

    private final Jdbc jdbc;
    private final Clock clock;

    public ManualPayments(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /** What became of an entered payment. */
    public enum Outcome {
        RECORDED,
        NO_SUCH_CLAIM,
        /** The claim is another clinic's than the ones the caller may use. */
        OUTSIDE_CLINICS,
        /** The claim was never printed or delivered: there is nothing a payer could have paid yet. */
        NOT_SENT
    }

    /**
     * @param paidSoFar every payment entered for the claim, this one included
     * @param before    the claim's status before, null when there is no such claim
     */
    public record Recorded(Outcome outcome, ClaimStatus before, ClaimStatus after, BigDecimal paidSoFar) {
    }

    /**
     * @param checkNumber the check or EFT trace number, may be null
     * @param enteredBy   the API user, for the claim's history
     * @param clinics     the clinics the user may use; empty means every clinic
     */
    public Recorded record(long claimId, BigDecimal amount, LocalDate paidOn, String checkNumber, String enteredBy,
                           Set<String> clinics) {
        return jdbc.inTransaction(connection -> {
            List<Object[]> rows = Jdbc.query(connection, "SELECT status, total_charge, clinic_id FROM claim WHERE id = ?"
                            + " FOR UPDATE",
                    row -> new Object[]{ClaimStatus.valueOf(row.getString(1)), row.getBigDecimal(2), row.getString(3)},
                    claimId);
            if (rows.isEmpty()) {
                return new Recorded(Outcome.NO_SUCH_CLAIM, null, null, null);
            }
            if (!clinics.isEmpty() && !clinics.contains((String) rows.get(0)[2])) {
                return new Recorded(Outcome.OUTSIDE_CLINICS, null, null, null);
            }
            ClaimStatus before = (ClaimStatus) rows.get(0)[0];
            BigDecimal charge = (BigDecimal) rows.get(0)[1];
            if (before.rank() < ClaimStatus.DELIVERED.rank() || before == ClaimStatus.DEAD) {
                return new Recorded(Outcome.NOT_SENT, before, before, null);
            }
            Instant now = clock.instant();
            Jdbc.insert(connection, "INSERT INTO manual_payment (claim_id, amount, paid_on, check_number, entered_by,"
                    + " entered_at) VALUES (?, ?, ?, ?, ?, ?)", claimId, amount, paidOn, checkNumber, enteredBy, now);
            BigDecimal paid = Jdbc.query(connection, "SELECT SUM(amount) FROM manual_payment WHERE claim_id = ?",
                    row -> row.getBigDecimal(1), claimId).get(0);
            ClaimStatus status = paid.signum() == 0 ? ClaimStatus.DENIED
                    : charge != null && paid.compareTo(charge) < 0 ? ClaimStatus.PARTIALLY_PAID : ClaimStatus.PAID;
            boolean applied = status.rank() >= before.rank();
            ClaimStatus after = applied ? status : before;
            if (applied && after != before) {
                Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ?", after.name(), now, claimId);
            }
            String detail = "payment of " + amount.toPlainString() + " paid " + paidOn
                    + (checkNumber == null ? "" : " check " + checkNumber) + " entered by " + enteredBy
                    + "; " + paid.toPlainString() + " paid in all"
                    + (applied ? "" : ", status not changed: the claim is already " + before.display());
            Jdbc.addClaimEvent(connection, claimId, after, now, detail);
            return new Recorded(Outcome.RECORDED, before, after, paid);
        });
    }
}
