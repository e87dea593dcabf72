package io.claimshub.observe;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.replies.ClaimStatusRecord;
import io.claimshub.replies.ReplyEvents;

import java.time.Clock;
import java.time.Duration;

/**
 * Counts what replies say about claims (acknowledged, accepted, payer rejected, paid, denied) per payer
 * and clinic, and times receipt to acknowledgment. A reply counts for what it says even when it came
 * late and did not move the claim (a 999 after the 835); the same reply file twice is not applied twice.
 */
public final class ReplyObserver implements ReplyEvents {

    private final ClaimMetrics metrics;
    private final ClaimQueries ledger;
    private final Clock clock;

    public ReplyObserver(ClaimMetrics metrics, ClaimQueries ledger, Clock clock) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void applied(ClaimStatusRecord status) {
        String payer = status.payerId();
        String clinic = status.clinicId();
        switch (status.replyStatus()) {
            case "acknowledged" -> {
                metrics.acknowledged(payer, clinic);
                ledger.claim(status.claimId()).ifPresent(claim ->
                        metrics.recordAcknowledged(payer, Duration.between(claim.receivedAt(), clock.instant())));
            }
            case "accepted" -> metrics.accepted(payer, clinic);
            case "payer rejected" -> metrics.payerRejected(payer, clinic);
            case "paid", "partially paid" -> metrics.paid(payer, clinic);
            case "denied" -> metrics.denied(payer, clinic);
            default -> {
                // reversed and other moves are in the ledger; no counter for them
            }
        }
    }
}
