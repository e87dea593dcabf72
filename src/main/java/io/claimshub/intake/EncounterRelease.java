package io.claimshub.intake;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ChargeCapture.EncounterHeader;
import io.claimshub.intake.ChargeCapture.HeldLine;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.EncounterLedger.ChargeRow;
import io.claimshub.ledger.EncounterLedger.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns encounters whose bill hold is over into claims (docs/charge-capture.md). The claim goes through the
 * edits and into the ledger like any other; a change after the claim was sent follows the clinic's
 * {@code afterSend}: {@code replace} (frequency 7 with REF*F8, or a void, frequency 8, when every charge was
 * reversed; waits in WAITING_PAYER_ID until a 277CA or 835 brings the payer claim number), {@code new} (only the
 * new lines, CLM01 with a suffix) or {@code hold} (PARKED for a clerk).
 *
 * <p>Restart-safe: everything it reads is in the ledger, and building a claim twice from the same charges gives
 * the same content, which the ledger records once.
 */
public final class EncounterRelease {

    private static final Logger LOG = LoggerFactory.getLogger(EncounterRelease.class);
    private static final int BATCH = 200;

    private final EncounterLedger encounters;
    private final IntakeLedger claims;
    private final ClaimQueries queries;
    private final ClaimIntake intake;
    private final PartnerConfig partners;

    public EncounterRelease(EncounterLedger encounters, IntakeLedger claims, ClaimQueries queries, ClaimIntake intake,
                            PartnerConfig partners) {
        this.encounters = encounters;
        this.claims = claims;
        this.queries = queries;
        this.intake = intake;
        this.partners = partners;
    }

    /** Releases every encounter that is due; returns how many changed state. */
    public int releaseDue() {
        int released = 0;
        for (Encounter encounter : encounters.due(BATCH)) {
            Optional<ClinicConfig> clinic = partners.clinic(encounter.clinicId());
            if (clinic.isEmpty()) {
                LOG.warn("encounter not released: clinic no longer configured clinic={} encounterId={}",
                        encounter.clinicId(), encounter.id());
                continue;
            }
            if (release(clinic.get(), encounter)) {
                released++;
            }
        }
        return released;
    }

    /** @return true when the encounter changed state */
    boolean release(ClinicConfig clinic, Encounter encounter) {
        List<ChargeRow> charges = encounters.charges(encounter.id()).stream()
                .filter(c -> c.kind().equals("CHARGE")).toList();
        List<ChargeRow> open = charges.stream().filter(c -> !c.state().equals(EncounterLedger.CHARGE_REVERSED)
                && c.open().signum() > 0).toList();
        Optional<ClaimRecord> previous = Optional.ofNullable(encounter.claimId()).flatMap(queries::claim);
        boolean sent = previous.isPresent() && previous.get().status().rank() >= ClaimStatus.QUEUED.rank();
        String clm01 = encounter.encounterKey();
        if (!sent) {
            if (open.isEmpty()) {
                if (previous.isPresent() && previous.get().status() == ClaimStatus.VALIDATED
                        && !claims.withdraw(previous.get().id(), "every charge of its encounter was reversed")) {
                    // it went into a batch meanwhile: the next round treats it as sent
                    return false;
                }
                return mark(encounter, EncounterLedger.REVERSED, null, List.of(),
                        "every charge was reversed: no claim");
            }
            return bill(clinic, encounter, build(encounter, clm01, open, "1", null), open);
        }
        ClaimRecord sentClaim = previous.get();
        boolean operator = EncounterLedger.OPERATOR_RELEASE.equals(encounter.detail());
        String policy = operator ? "replace" : clinic.chargeCapture().afterSend();
        List<ChargeRow> unbilled = open.stream().filter(c -> c.state().equals(EncounterLedger.CHARGE_HELD)).toList();
        switch (policy) {
            case "hold" -> {
                return mark(encounter, EncounterLedger.PARKED, null, List.of(), "changed after claim "
                        + sentClaim.id() + " was sent; afterSend: hold keeps it for a clerk (release it to send a"
                        + " replacement)");
            }
            case "new" -> {
                if (credited(charges, sentClaim.id())) {
                    return mark(encounter, EncounterLedger.PARKED, null, List.of(), "a credit changed lines of"
                            + " claim " + sentClaim.id() + ", which a new claim cannot take back; afterSend: new"
                            + " parks it for a clerk (release it to send a replacement)");
                }
                String suffixed = clm01 + "-" + (encounter.claimCount() + 1);
                return bill(clinic, encounter, build(encounter, suffixed, unbilled, "1", null), unbilled);
            }
            default -> {
                String payerClaimNumber = sentClaim.payerClaimNumber();
                if (payerClaimNumber == null) {
                    if (encounter.state().equals(EncounterLedger.WAITING_PAYER_ID)) {
                        return false;
                    }
                    return mark(encounter, EncounterLedger.WAITING_PAYER_ID, null, List.of(), "changed after claim "
                            + sentClaim.id() + " was sent; the replacement waits for the payer claim number"
                            + " (277CA or 835)");
                }
                if (open.isEmpty()) {
                    List<ChargeRow> billedOnSent = charges.stream()
                            .filter(c -> Long.valueOf(sentClaim.id()).equals(c.billedOnClaim())).toList();
                    return bill(clinic, encounter, build(encounter, clm01, billedOnSent, "8", payerClaimNumber, true),
                            List.of());
                }
                return bill(clinic, encounter, build(encounter, clm01, open, "7", payerClaimNumber), open);
            }
        }
    }

    private static boolean credited(List<ChargeRow> charges, long claimId) {
        return charges.stream().anyMatch(c -> Long.valueOf(claimId).equals(c.billedOnClaim())
                && (c.state().equals(EncounterLedger.CHARGE_REVERSED) || c.credited().signum() > 0));
    }

    private Claim build(Encounter encounter, String clm01, List<ChargeRow> rows, String frequency,
                        String originalPayerClaimNumber) {
        return build(encounter, clm01, rows, frequency, originalPayerClaimNumber, false);
    }

    /** @param asCharged the lines as first charged (a void repeats the claim it voids), else what is still open */
    private Claim build(Encounter encounter, String clm01, List<ChargeRow> rows, String frequency,
                        String originalPayerClaimNumber, boolean asCharged) {
        EncounterHeader header = EncounterHeader.read(encounter.header());
        List<Diagnosis> diagnoses = header.billed();
        List<String> codes = diagnoses.stream().map(Diagnosis::code).toList();
        List<ServiceLine> lines = new ArrayList<>();
        for (ChargeRow row : rows) {
            HeldLine held = HeldLine.read(row.lineJson());
            ServiceLine line = held.line();
            List<Integer> pointers = held.diagnosisCodes().stream().map(code -> codes.indexOf(code) + 1)
                    .filter(p -> p > 0).distinct().limit(4).toList();
            if (pointers.isEmpty() && !codes.isEmpty()) {
                pointers = List.of(1);
            }
            // A generated line control number is unique within its message only; within the encounter the
            // charge's ledger id makes it so.
            String control = held.generatedControlNumber() ? clip(clm01, 20) + "-" + row.id() : line.lineControlNumber();
            lines.add(new ServiceLine(row.ft1(), control, line.serviceDate(), line.procedureCode(), line.modifiers(),
                    asCharged ? line.units() : line.units().subtract(row.creditedUnits()),
                    asCharged ? row.amount() : row.open(), pointers, line.renderingProvider()));
        }
        Claim latest = header.latest();
        BigDecimal total = lines.stream().map(ServiceLine::chargeAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Claim(clm01, total, frequency, originalPayerClaimNumber, latest.placeOfService(),
                latest.priorAuthorization(), latest.onsetDate(), latest.patient(), latest.coverages(), diagnoses, lines,
                latest.otherTransactions());
    }

    private boolean bill(ClinicConfig clinic, Encounter encounter, Claim claim, List<ChargeRow> billed) {
        // the source names the encounter key: the claim page links to the visit's charges by it
        SourceRef source = new SourceRef("encounter", encounter.encounterKey(), 1, null);
        IntakeResult result = intake.accept(clinic, new InputItem.JsonClaim(1, claim), source);
        boolean billable = result.kind() == IntakeResult.Kind.ACCEPTED
                || (result.kind() == IntakeResult.Kind.DUPLICATE && result.reasons().isEmpty());
        String frequency = switch (claim.frequencyCode()) {
            case "7" -> "replacement ";
            case "8" -> "void ";
            default -> "";
        };
        String state = !billable ? EncounterLedger.REJECTED
                : claim.frequencyCode().equals("8") ? EncounterLedger.REVERSED : EncounterLedger.BILLED;
        return mark(encounter, state, result.claimId(),
                billable ? billed.stream().map(ChargeRow::id).toList() : List.of(),
                billable ? "became " + frequency + "claim " + result.claimId()
                        : "claim " + result.claimId() + " failed the edits: "
                        + String.join("; ", result.reasons().stream().map(Reason::text).toList()));
    }

    private boolean mark(Encounter encounter, String state, Long claimId, List<Long> billed, String detail) {
        boolean marked = encounters.markReleased(encounter.id(), encounter.updatedAt(), state, claimId, billed, detail);
        if (marked) {
            LOG.info("encounter released clinic={} encounterId={} state={} claimId={}", encounter.clinicId(),
                    encounter.id(), state, claimId);
        }
        return marked;
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
