package io.claimshub.api;

import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.EncounterLedger.ChargeRow;
import io.claimshub.ledger.EncounterLedger.Encounter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Charge capture through the API (docs/charge-capture.md): an encounter's lines and their states, the credits
 * that were kept without being applied, and an operator's release of an encounter (audited). No Camel here;
 * {@link ApiRequestHandler} does the HTTP.
 */
public final class EncountersApi {

    private static final int UNAPPLIED_LIMIT = 500;

    private final EncounterLedger encounters;
    private final AuditLog audit;
    private final PartnerConfig partners;

    public EncountersApi(EncounterLedger encounters, AuditLog audit, PartnerConfig partners) {
        this.encounters = encounters;
        this.audit = audit;
        this.partners = partners;
    }

    /**
     * @param state     HELD (with {@code releaseAt}), BILLED, REJECTED, REVERSED, WAITING_PAYER_ID or PARKED
     * @param claimId   the claim it last became; {@code claimIds} every claim it became, oldest first
     * @param detail    what happened last, in words
     */
    public record EncounterView(String clinicId, String encounterKey, String state, Instant releaseAt, Long claimId,
                                List<Long> claimIds, String detail, Instant createdAt, Instant updatedAt,
                                List<LineView> lines) {
    }

    /**
     * One charge or credit.
     *
     * @param state         charge: HELD (waits for the release), BILLED (on claim {@code billedOnClaim}),
     *                      REVERSED (by credit {@code reversedBy}); credit: APPLIED, UNMATCHED or REFUSED (with
     *                      {@code reason})
     * @param billedOnClaim the latest claim the charge went out on (a replacement's id once one was sent)
     * @param units         a charge's units, a credit's quantity (null when not known)
     */
    public record LineView(long id, String kind, String ft1, String messageControlId, String transactionId,
                           String referenceId, String procedureCode, String modifiers, LocalDate serviceDate,
                           BigDecimal amount, BigDecimal credited, BigDecimal units, BigDecimal creditedUnits,
                           String state, Long billedOnClaim, Long reversedBy,
                           Long reverses, String reason, Instant receivedAt) {
    }

    public record Released(String clinicId, String encounterKey, String outcome) {
    }

    public EncounterView encounter(ApiUser user, String clinicId, String encounterKey) {
        Encounter encounter = find(user, clinicId, encounterKey);
        return view(encounter, encounters.charges(encounter.id()));
    }

    public List<LineView> unappliedCredits(ApiUser user, String clinicId) {
        checkClinic(user, clinicId);
        return encounters.unappliedCredits(clinicId, UNAPPLIED_LIMIT).stream().map(EncountersApi::line).toList();
    }

    /** Releases the encounter at the next round of the release timer, whatever its bill hold says. */
    public Released release(ApiUser user, String clinicId, String encounterKey) {
        Encounter encounter = find(user, clinicId, encounterKey);
        String target = "encounter " + clinicId + "/" + encounterKey;
        if (!encounters.releaseNow(clinicId, encounterKey)) {
            audit.record(user.name(), user.role().label(), "release-encounter", encounter.claimId(), target,
                    "nothing to release (" + encounter.state() + ")");
            throw new ApiException(409, "encounter " + encounterKey + " is " + encounter.state()
                    + ": only a HELD, PARKED or WAITING_PAYER_ID encounter can be released");
        }
        audit.record(user.name(), user.role().label(), "release-encounter", encounter.claimId(), target,
                "released from " + encounter.state());
        return new Released(clinicId, encounterKey, "released: it becomes a claim within one release tick");
    }

    private Encounter find(ApiUser user, String clinicId, String encounterKey) {
        checkClinic(user, clinicId);
        return encounters.encounter(clinicId, encounterKey).orElseThrow(() ->
                ApiException.notFound("clinic " + clinicId + " has no encounter " + encounterKey));
    }

    /** A clinic that does not exist and one outside the user's clinics look the same: 404. */
    private void checkClinic(ApiUser user, String clinicId) {
        if (partners.clinic(clinicId).isEmpty() || !user.mayUse(clinicId)) {
            throw ApiException.notFound("no clinic " + clinicId);
        }
    }

    private static EncounterView view(Encounter encounter, List<ChargeRow> rows) {
        return new EncounterView(encounter.clinicId(), encounter.encounterKey(), encounter.state(),
                encounter.releaseAt(), encounter.claimId(), encounter.claimIds(), encounter.detail(),
                encounter.createdAt(), encounter.updatedAt(), rows.stream().map(EncountersApi::line).toList());
    }

    private static LineView line(ChargeRow row) {
        return new LineView(row.id(), row.kind(), row.ft1(), row.sourceControlId(), row.transactionId(),
                row.referenceId(), row.procedureCode(), row.modifiers(), row.serviceDate(), row.amount(),
                row.credited(), row.units(), row.creditedUnits(), row.state(), row.billedOnClaim(), row.reversedBy(),
                row.reverses(), row.reason(), row.receivedAt());
    }
}
