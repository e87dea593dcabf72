package io.claimshub.replies;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.IntakeResult;
import io.claimshub.intake.SourceRef;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.x12.replies.Remittance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Bills the patient's next payer after an 835, per the clinic's {@code billSecondary}: {@code auto}
 * hands the claim {@link SecondaryClaims} built to the intake (edits, ledger, next batch to that payer),
 * {@code review} holds it for a clerk's {@link #release}, {@code off} and a claim the payer forwarded
 * itself are only noted in the claim's history. One next payer's claim per claim: a later 835 for the
 * same claim (a correction) does not bill again.
 */
public final class SecondaryBilling {

    private static final Logger LOG = LoggerFactory.getLogger(SecondaryBilling.class);

    private final PartnerConfig partners;
    private final ClaimQueries queries;
    private final ReplyLedger ledger;
    private final ClaimIntake intake;
    private final SecondaryClaims claims = new SecondaryClaims();

    public SecondaryBilling(PartnerConfig partners, ClaimQueries queries, ReplyLedger ledger, ClaimIntake intake) {
        this.partners = partners;
        this.queries = queries;
        this.ledger = ledger;
        this.intake = intake;
    }

    /** After an 835 about claim {@code claimId} (sent to {@code payerId}) was applied. */
    public void afterPayment(long claimId, String clinicId, String payerId, Remittance remittance,
                             Remittance.ClaimPayment payment, boolean forwarded) {
        Optional<ClinicConfig> clinic = partners.clinic(clinicId);
        Optional<PayerConfig> payer = partners.payer(payerId);
        Optional<String> payload = queries.payload(claimId);
        if (clinic.isEmpty() || payer.isEmpty() || payload.isEmpty()
                || ledger.secondaryOf(claimId).isPresent() || ledger.held(claimId).isPresent()) {
            return;
        }
        Claim claim = ClaimJson.read(payload.get());
        SecondaryClaims.Plan plan = claims.plan(clinic.get().billSecondary(), claim, payer.get(), remittance, payment, forwarded);
        switch (plan.decision()) {
            case BILL -> bill(clinic.get(), claimId, plan.claim(), plan.reason());
            case REVIEW -> ledger.hold(claimId, clinicId, ClaimJson.write(plan.claim()), plan.reason());
            case OFF, FORWARDED -> ledger.note(claimId, plan.reason());
            case NO_OTHER_COVERAGE, NO_BALANCE, NOT_ADJUDICATED -> {
            }
        }
    }

    /** @return the result of handing the held claim to the intake; empty when no claim is held for this one */
    public Optional<IntakeResult> release(long claimId) {
        Optional<ReplyLedger.HeldClaim> held = ledger.held(claimId).filter(h -> h.releasedClaimId() == null);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        ClinicConfig clinic = partners.clinic(held.get().clinicId()).orElseThrow(() -> new IllegalStateException(
                "clinic " + held.get().clinicId() + " of held claim " + claimId + " is no longer configured"));
        IntakeResult result = bill(clinic, claimId, ClaimJson.read(held.get().payload()), "released by a clerk");
        if (result.claimId() != null) {
            ledger.released(held.get().id(), result.claimId());
        }
        return Optional.of(result);
    }

    private IntakeResult bill(ClinicConfig clinic, long claimId, Claim next, String reason) {
        IntakeResult result = intake.accept(clinic, new InputItem.JsonClaim(1, next),
                new SourceRef(IntakeLedger.SECONDARY_SOURCE, "835 of claim " + claimId, 1, null));
        if (result.claimId() != null) {
            ledger.linkSecondary(claimId, result.claimId(), reason + " (" + result.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        LOG.info("next payer's claim for claim={} clinic={} outcome={} claim={}", claimId, clinic.id(), result.kind(),
                result.claimId());
        return result;
    }
}
