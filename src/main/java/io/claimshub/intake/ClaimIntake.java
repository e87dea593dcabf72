package io.claimshub.intake;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceKey;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.intake.ClaimPreparation.Prepared;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.IntakeOutcome;
import io.claimshub.ledger.IntakeLedger.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final IntakeLedger ledger;
    private final RejectionWriter rejections;
    private final Consumer<String> onAccepted;
    private final IntakeEvents metrics;
    /** Null in tests whose clinics have no {@code billHold}; the hub always has it. */
    private final ChargeCapture capture;

    /**
     * @param onAccepted called with the payer id after a claim was accepted, so that a full batch goes
     *                   out without waiting for the timer
     */
    public ClaimIntake(ClaimPreparation preparation, IntakeLedger ledger, RejectionWriter rejections,
                       Consumer<String> onAccepted) {
        this(preparation, ledger, rejections, onAccepted, IntakeEvents.NONE);
    }

    /** @param metrics counts every outcome per clinic (never labelled with claim data) */
    public ClaimIntake(ClaimPreparation preparation, IntakeLedger ledger, RejectionWriter rejections,
                       Consumer<String> onAccepted, IntakeEvents metrics) {
        this(preparation, ledger, rejections, onAccepted, metrics, null);
    }

    /** @param capture collects HL7 charges per encounter for clinics with a {@code billHold} */
    public ClaimIntake(ClaimPreparation preparation, IntakeLedger ledger, RejectionWriter rejections,
                       Consumer<String> onAccepted, IntakeEvents metrics, ChargeCapture capture) {
        this.capture = capture;
        this.preparation = preparation;
        this.ledger = ledger;
        this.rejections = rejections;
        this.onAccepted = onAccepted;
        this.metrics = metrics;
    }

    /** One item on its own (an API submission, the hub's claim to the next payer, a released encounter). */
    public IntakeResult accept(ClinicConfig clinic, InputItem item, SourceRef file) {
        return accept(clinic, item, file, new RepeatedClaimIds());
    }

    /**
     * An item of a clinic file; {@code repeated} holds the CLM01s of the file's earlier items. An HL7
     * message whose MSH-4 belongs to another clinic is refused ({@link ClaimPreparation.Input#sentFor}).
     */
    public IntakeResult accept(ClinicConfig clinic, InputItem item, SourceRef file, RepeatedClaimIds repeated) {
        return record(preparation.prepare(ClaimPreparation.Input.sentFor(clinic, item, file, repeated)),
                ledger::recordClaim);
    }

    /**
     * A message from a live HL7 feed, prepared ({@link ClaimPreparation.Input#liveMessage}) for the clinic its
     * MSH-4 names: as {@link #accept(ClinicConfig, InputItem, SourceRef)}, but an MSH-10 this clinic already
     * used for a different message is {@code REFUSED}.
     */
    public IntakeResult acceptMessage(Prepared prepared) {
        if (prepared instanceof Prepared.Refused) {
            throw new IllegalArgumentException("a message no clinic takes is answered by the listener, not recorded");
        }
        return record(prepared, ledger::recordMessage);
    }

    private IntakeResult record(Prepared prepared, Function<IncomingClaim, IntakeOutcome> record) {
        if (prepared instanceof Prepared.Unreadable unreadable) {
            return unreadable(unreadable.clinic(), unreadable.source(), unreadable.reasons());
        }
        if (prepared instanceof Prepared.Charges charges) {
            if (capture == null) {
                throw new IllegalStateException("clinic " + charges.clinic().id() + " collects charges per encounter,"
                        + " but this intake has no charge capture");
            }
            return captured(charges.clinic(), charges.source(), capture.capture(charges.clinic(), charges.mapped(),
                    charges.source()));
        }
        if (!(prepared instanceof Prepared.Edited edited)) {
            throw new IllegalArgumentException("an input sent for a clinic is never refused for want of one");
        }
        ClinicConfig clinic = edited.clinic();
        SourceRef source = edited.source();
        Claim claim = edited.claim();
        List<Reason> reasons = edited.reasons();
        String payerId = edited.payerId();
        String json = ClaimJson.write(claim);
        IntakeOutcome outcome = record.apply(new IncomingClaim(
                clinic.id(), claim.patientControlNumber() == null ? "" : claim.patientControlNumber(),
                claim.frequencyCode(), claim.originalPayerClaimNumber(), payerId, claim.totalCharge(), json,
                ClaimJson.contentHash(json), new Source(source.kind(), source.name(), source.controlId()), reasons,
                ServiceKey.of(claim)));
        IntakeResult.Kind kind = kindOf(outcome);
        IntakeResult result = new IntakeResult(kind, kind == IntakeResult.Kind.REFUSED ? null : outcome.claimId(),
                claim.patientControlNumber(), payerId, outcome.reasons());
        count(clinic, result.kind());
        switch (result.kind()) {
            case ACCEPTED -> {
                LOG.info("claim accepted clinic={} clm01={} payer={} claimId={} source={}",
                        clinic.id(), result.clm01(), payerId, result.claimId(), source.describe());
                onAccepted.accept(payerId);
                droppedCharges(claim, outcome.superseded()).ifPresent(reason -> {
                    LOG.warn("claim replaced an unsent claim without some of its charges clinic={} clm01={} claimId={}"
                            + " source={} code={}", clinic.id(), result.clm01(), result.claimId(), source.describe(),
                            reason.code());
                    ledger.note(result.claimId(), reason.message());
                    rejections.writeNotice(clinic, source, new IntakeResult(result.kind(), result.claimId(),
                            result.clm01(), payerId, List.of(reason)));
                });
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

    /**
     * Today's rule (no bill hold): a message with the CLM01 of a claim not yet sent replaces it. When the
     * replaced claim had charges the new one does not, that is said, never silent (docs/charge-capture.md).
     */
    private static java.util.Optional<Reason> droppedCharges(Claim claim, List<IntakeLedger.Superseded> superseded) {
        if (superseded.isEmpty()) {
            // the usual case, on every accepted MLLP message: nothing was replaced
            return java.util.Optional.empty();
        }
        Set<String> kept = claim.lines().stream().map(ServiceLine::lineControlNumber).collect(Collectors.toSet());
        List<String> parts = new ArrayList<>();
        for (IntakeLedger.Superseded older : superseded) {
            if (older.payloadJson() == null) {
                continue;
            }
            List<String> dropped = ClaimJson.read(older.payloadJson()).lines().stream()
                    .map(ServiceLine::lineControlNumber).filter(line -> !kept.contains(line)).toList();
            if (!dropped.isEmpty()) {
                parts.add("charges " + String.join(", ", dropped) + " of claim " + older.claimId());
            }
        }
        if (parts.isEmpty()) {
            return java.util.Optional.empty();
        }
        String replaced = String.join(", ", superseded.stream().map(s -> String.valueOf(s.claimId())).toList());
        return java.util.Optional.of(new Reason("claim", "CHARGES_DROPPED_BY_CORRECTION", "this message replaced claim "
                + replaced + " (not yet sent) as a correction; " + String.join("; ", parts) + " are not in this one and"
                + " will not be billed. Send them again, or give the clinic a billHold so that charges collect per"
                + " encounter (docs/charge-capture.md)"));
    }

    /** A message added to its encounter: AA only once its charges are committed there. */
    private IntakeResult captured(ClinicConfig clinic, SourceRef source, ChargeCapture.Captured captured) {
        String clm01 = captured.encounterKey();
        IntakeResult.Kind kind = switch (captured.kind()) {
            case CAPTURED -> IntakeResult.Kind.ACCEPTED;
            case DUPLICATE -> IntakeResult.Kind.DUPLICATE;
            case REFUSED -> IntakeResult.Kind.REJECTED;
            case CONTROL_ID_REUSED -> IntakeResult.Kind.REFUSED;
        };
        IntakeResult result = new IntakeResult(kind, null, clm01, null, captured.reasons());
        count(clinic, kind);
        switch (kind) {
            case ACCEPTED, DUPLICATE -> LOG.info("charges {} clinic={} encounter={} source={}",
                    kind == IntakeResult.Kind.ACCEPTED ? "captured" : "already captured", clinic.id(), clm01,
                    source.describe());
            case REJECTED -> {
                LOG.warn("charges refused clinic={} encounter={} source={} reasons={}", clinic.id(), clm01,
                        source.describe(), String.join(",", result.reasons().stream().map(Reason::code).toList()));
                rejections.write(clinic, source, result);
            }
            default -> { }
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
