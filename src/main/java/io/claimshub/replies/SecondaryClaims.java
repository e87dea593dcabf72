package io.claimshub.replies;

import io.claimshub.claim.Claim;
import io.claimshub.claim.OtherPayer;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig.BillSecondary;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.replies.Remittance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides, from a payer's 835 for a claim, whether the claim goes on to the patient's next coverage,
 * and builds that claim: the same services, billed to the next coverage (SBR01 S, or T after two
 * payers), carrying what this payer did (2320/2330/2430, see {@link OtherPayer}). Plain logic: the
 * caller records the decision and hands a built claim to the intake, where the edits apply as for any
 * claim. Stateless and safe to share.
 */
public final class SecondaryClaims {

    /** 835 CLP02 values that adjudicated the claim: processed (1, 2, 3), denied (4), processed and forwarded (19–21). */
    private static final Set<String> ADJUDICATED = Set.of("1", "2", "3", "4", "19", "20", "21");

    public enum Decision {
        /** billSecondary auto: the next payer's claim goes to the intake now */
        BILL,
        /** billSecondary review: the next payer's claim waits for a clerk's release */
        REVIEW,
        /** billSecondary off: a balance is left for the next payer, the hub does not bill it */
        OFF,
        /** the payer forwarded the claim to the next payer itself (CLP02 19/20/21, MA18, N89): not billed, recorded */
        FORWARDED,
        /** the claim has no further coverage */
        NO_OTHER_COVERAGE,
        /** the payer left nothing the next payer could pay */
        NO_BALANCE,
        /** the 835 did not adjudicate the claim (a reversal, not our claim, a predetermination) */
        NOT_ADJUDICATED
    }

    /**
     * @param claim  the next payer's claim for {@code BILL} and {@code REVIEW}, else null
     * @param reason what happened, in words, for the claim's history
     */
    public record Plan(Decision decision, Claim claim, String reason) {
    }

    /**
     * @param claim     the claim as it was billed to {@code payer}
     * @param forwarded the payer says it forwarded the claim itself ({@link ReplyOutcome#forwarded()})
     */
    public Plan plan(BillSecondary setting, Claim claim, PayerConfig payer, Remittance remittance,
                     Remittance.ClaimPayment payment, boolean forwarded) {
        if (!ADJUDICATED.contains(payment.statusCode())) {
            return new Plan(Decision.NOT_ADJUDICATED, null, "CLP02 " + payment.statusCode() + " does not adjudicate the claim");
        }
        if (claim.coverages().size() < 2) {
            return new Plan(Decision.NO_OTHER_COVERAGE, null, "no further coverage after " + payer.name());
        }
        String next = claim.coverages().get(1).payerName() == null ? claim.coverages().get(1).payerKey()
                : claim.coverages().get(1).payerName();
        if (forwarded) {
            return new Plan(Decision.FORWARDED, null, payer.name() + " forwarded the claim to the next payer itself;"
                    + " the hub does not bill " + next);
        }
        BigDecimal balance = balance(payment);
        if (balance.signum() <= 0) {
            return new Plan(Decision.NO_BALANCE, null, payer.name() + " left no balance for " + next);
        }
        String left = payer.name() + " left " + balance.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " for " + next;
        return switch (setting) {
            case OFF -> new Plan(Decision.OFF, null, left + "; billSecondary is off for this clinic");
            case REVIEW -> new Plan(Decision.REVIEW, secondary(claim, payer, remittance, payment),
                    left + "; the claim waits for a clerk's release (billSecondary review)");
            case AUTO -> new Plan(Decision.BILL, secondary(claim, payer, remittance, payment), left + "; billed to " + next);
        };
    }

    /** What the next payer may still pay: billed less what this payer paid and what the provider wrote off (CO). */
    static BigDecimal balance(Remittance.ClaimPayment payment) {
        BigDecimal contractual = payment.allAdjustments().stream().filter(a -> a.group().equals("CO"))
                .map(Remittance.Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return payment.charge() == null ? BigDecimal.ZERO : payment.charge().subtract(payment.paid()).subtract(contractual);
    }

    private static Claim secondary(Claim claim, PayerConfig payer, Remittance remittance, Remittance.ClaimPayment payment) {
        List<OtherPayer.LineAdjudication> lines = new ArrayList<>();
        for (Remittance.LinePayment line : payment.lines()) {
            boolean ours = claim.lines().stream().map(ServiceLine::lineControlNumber)
                    .anyMatch(number -> number.equals(line.lineControlNumber()));
            if (ours) {
                lines.add(new OtherPayer.LineAdjudication(line.lineControlNumber(), line.paid(), adjustments(line.adjustments())));
            }
        }
        OtherPayer adjudication = new OtherPayer(claim.payerResponsibility(), payer.name(), payer.payerId(),
                payer.claimFilingIndicator(), payment.payerClaimNumber(), remittance.paymentDate(), payment.paid(),
                payment.patientResponsibility(), claim.coverages().get(0), adjustments(payment.adjustments()), lines);
        List<OtherPayer> otherPayers = new ArrayList<>(claim.otherPayers());
        otherPayers.add(adjudication);
        return new Claim(claim.patientControlNumber(), claim.totalCharge(), claim.frequencyCode(),
                claim.originalPayerClaimNumber(), claim.placeOfService(), claim.priorAuthorization(), claim.onsetDate(),
                claim.patient(), claim.coverages().subList(1, claim.coverages().size()), claim.diagnoses(), claim.lines(),
                claim.otherTransactions(), otherPayers, claim.referringProvider());
    }

    private static List<OtherPayer.Adjustment> adjustments(List<Remittance.Adjustment> adjustments) {
        return adjustments.stream().map(a -> new OtherPayer.Adjustment(a.group(), a.reason(), a.amount())).toList();
    }
}
