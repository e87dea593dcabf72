package io.claimshub.intake;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.ClaimLedger.IncomingClaim;
import io.claimshub.ledger.ClaimLedger.IntakeOutcome;
import io.claimshub.ledger.ClaimLedger.Source;
import io.claimshub.observe.ClaimMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records one incoming message or claim in the ledger and tells the clinic about a rejection. Every
 * input ends in exactly one {@link IntakeResult}; nothing is dropped. Log lines carry clinic, CLM01,
 * payer and ids only, never patient data.
 */
public final class ClaimIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimIntake.class);

    private final ClaimPreparation preparation;
    private final ClaimLedger ledger;
    private final RejectionWriter rejections;
    private final Consumer<String> onAccepted;
    private final ClaimMetrics metrics;

    /**
     * @param onAccepted called with the payer id after a claim was accepted, so that a full batch goes
     *                   out without waiting for the timer
     */
    public ClaimIntake(ClaimPreparation preparation, ClaimLedger ledger, RejectionWriter rejections,
                       Consumer<String> onAccepted) {
        this(preparation, ledger, rejections, onAccepted, ClaimMetrics.disabled());
    }

    /** @param metrics counts every outcome per clinic (never labelled with claim data) */
    public ClaimIntake(ClaimPreparation preparation, ClaimLedger ledger, RejectionWriter rejections,
                       Consumer<String> onAccepted, ClaimMetrics metrics) {
        this.preparation = preparation;
        this.ledger = ledger;
        this.rejections = rejections;
        this.onAccepted = onAccepted;
        this.metrics = metrics;
    }

    /**
     * An item of a clinic file (or a claim submitted through the API) for a named clinic; an HL7 message
     * whose MSH-4 belongs to another clinic is refused ({@link ClaimPreparation#forClinic}).
     */
    public IntakeResult accept(ClinicConfig clinic, InputItem item, SourceRef file) {
        ClaimPreparation.Mapped mapped = preparation.forClinic(clinic, preparation.map(item));
        return accept(clinic, mapped, file.withMessage(item.ordinal(), mapped.controlId()));
    }

    /** A message or claim already mapped. */
    public IntakeResult accept(ClinicConfig clinic, ClaimPreparation.Mapped mapped, SourceRef source) {
        return accept(clinic, mapped, source, ledger::recordClaim);
    }

    /**
     * A message from a live HL7 feed, already mapped: as {@link #accept(ClinicConfig, ClaimPreparation.Mapped,
     * SourceRef)}, but an MSH-10 this clinic already used for a different message is {@code REFUSED}.
     */
    public IntakeResult acceptMessage(ClinicConfig clinic, ClaimPreparation.Mapped mapped, SourceRef source) {
        return accept(clinic, mapped, source, ledger::recordMessage);
    }

    private IntakeResult accept(ClinicConfig clinic, ClaimPreparation.Mapped mapped, SourceRef source,
                                Function<IncomingClaim, IntakeOutcome> record) {
        if (!mapped.readable()) {
            return unreadable(clinic, source, mapped.problems());
        }
        Claim claim = mapped.claim();
        List<Reason> reasons = preparation.check(clinic, mapped);
        String payerId = preparation.payerIdOf(claim);
        String json = ClaimJson.write(claim);
        IntakeOutcome outcome = record.apply(new IncomingClaim(
                clinic.id(), claim.patientControlNumber() == null ? "" : claim.patientControlNumber(),
                claim.frequencyCode(), claim.originalPayerClaimNumber(), payerId, claim.totalCharge(), json,
                ClaimJson.contentHash(json), new Source(source.kind(), source.name(), source.controlId()), reasons));
        IntakeResult.Kind kind = kindOf(outcome);
        IntakeResult result = new IntakeResult(kind, kind == IntakeResult.Kind.REFUSED ? null : outcome.claimId(),
                claim.patientControlNumber(), payerId, outcome.reasons());
        count(clinic, result.kind());
        switch (result.kind()) {
            case ACCEPTED -> {
                LOG.info("claim accepted clinic={} clm01={} payer={} claimId={} source={}",
                        clinic.id(), result.clm01(), payerId, result.claimId(), source.describe());
                onAccepted.accept(payerId);
            }
            case DUPLICATE -> LOG.info("claim duplicate ignored clinic={} clm01={} payer={} claimId={} source={}",
                    clinic.id(), result.clm01(), payerId, result.claimId(), source.describe());
            // answered AR by the listener, which logs it; nothing was recorded, so the outbox has nothing to add
            case REFUSED -> { }
            default -> {
                LOG.warn("claim rejected clinic={} clm01={} payer={} claimId={} source={} reasons={}",
                        clinic.id(), result.clm01(), payerId, result.claimId(), source.describe(),
                        String.join(",", result.reasons().stream().map(Reason::code).toList()));
                rejections.write(clinic, source, result);
            }
        }
        return result;
    }

    private IntakeResult unreadable(ClinicConfig clinic, SourceRef source, List<Reason> reasons) {
        long id = ledger.recordUnreadable(clinic.id(), new Source(source.kind(), source.name(), source.controlId()),
                source.ordinal(), reasons);
        IntakeResult result = new IntakeResult(IntakeResult.Kind.UNREADABLE, null, null, null, reasons);
        count(clinic, result.kind());
        LOG.warn("message unreadable clinic={} source={} inputId={} reasons={}", clinic.id(), source.describe(), id,
                String.join(",", reasons.stream().map(Reason::code).toList()));
        rejections.write(clinic, source, result);
        return result;
    }

    private void count(ClinicConfig clinic, IntakeResult.Kind kind) {
        metrics.received(clinic.id());
        switch (kind) {
            case ACCEPTED -> metrics.validated(clinic.id());
            case DUPLICATE -> metrics.duplicate(clinic.id());
            case REJECTED, UNREADABLE, REFUSED -> metrics.rejected(clinic.id());
        }
    }

    private static IntakeResult.Kind kindOf(IntakeOutcome outcome) {
        return switch (outcome.kind()) {
            case ACCEPTED -> IntakeResult.Kind.ACCEPTED;
            case REJECTED -> IntakeResult.Kind.REJECTED;
            case DUPLICATE -> IntakeResult.Kind.DUPLICATE;
            case CONTROL_ID_REUSED -> IntakeResult.Kind.REFUSED;
        };
    }
}
