package io.claimshub.api;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.IntakeResult;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.PayerReplies;
import io.claimshub.replies.ReplyFileResult;
import io.claimshub.replies.SecondaryBilling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Replies over the API: the list of replies that matched no claim (kept, never dropped), and a payer's
 * reply file POSTed to the hub, which goes through the same way in as a file picked up from the payer.
 * No Camel here; {@link ApiRequestHandler} does the HTTP.
 */
public final class RepliesApi {

    static final Set<String> UNMATCHED_PARAMETERS = Set.of("payer");
    private static final int MAX_REPLY_BYTES = 50 * 1024 * 1024;

    private final ReplyLedger ledger;
    private final PayerReplies payerReplies;
    private final SecondaryBilling secondaryBilling;
    private final AuditLog audit;
    private final PartnerConfig partners;

    public RepliesApi(ReplyLedger ledger, PayerReplies payerReplies, SecondaryBilling secondaryBilling, AuditLog audit,
                      PartnerConfig partners) {
        this.ledger = ledger;
        this.payerReplies = payerReplies;
        this.secondaryBilling = secondaryBilling;
        this.audit = audit;
        this.partners = partners;
    }

    public List<ReplyLedger.UnmatchedRow> unmatched(ApiUser user, QueryParameters query) {
        ClaimsApi.requireEveryClinic(user, "unmatched replies");
        String payer = query.text("payer");
        if (payer != null && partners.payer(payer).isEmpty()) {
            throw ApiException.notFound("no payer '" + payer + "' in payers.yaml");
        }
        List<ReplyLedger.UnmatchedRow> rows = payer == null ? ledger.unmatchedAll() : ledger.unmatched(payer);
        audit.record(user.name(), user.role().label(), "list-unmatched-replies", null, payer == null ? "all" : payer,
                rows.size() + " listed");
        return rows;
    }

    /**
     * A clinic's remittances, newest first: its share of each 835 payment (the BPR02 of its copy) with its
     * provider-level adjustments (PLB). 404 for a clinic not in clinics.yaml.
     */
    public List<ReplyLedger.RemittanceShare> remittances(ApiUser user, String clinicId) {
        if (partners.clinic(clinicId).isEmpty()) {
            throw ApiException.notFound("no clinic '" + clinicId + "' in clinics.yaml");
        }
        List<ReplyLedger.RemittanceShare> shares = ledger.remittances(clinicId);
        audit.record(user.name(), user.role().label(), "list-remittances", null, clinicId, shares.size() + " listed");
        return shares;
    }

    /**
     * Releases the next payer's claim held for claim {@code claimId} (billSecondary review) to the intake.
     * 404 when none is held (or it was released before); the answer is the intake's, as for a resubmission.
     */
    public ClaimViews.Submission releaseSecondary(ApiUser user, long claimId) {
        IntakeResult result = secondaryBilling.release(claimId).orElseThrow(() -> {
            audit.record(user.name(), user.role().label(), "release-secondary", claimId, null, "nothing held");
            return ApiException.notFound("no next payer's claim is held for claim " + claimId);
        });
        String outcome = result.kind().name().toLowerCase(java.util.Locale.ROOT);
        audit.record(user.name(), user.role().label(), "release-secondary", claimId,
                result.claimId() == null ? null : "claim " + result.claimId(), outcome);
        return new ClaimViews.Submission(outcome, result.claimId(), result.clm01(), result.payerId(), result.reasons());
    }

    /** @return what the reply did; 404 for an unknown payer, 422 with the reason when it is not readable X12 */
    public ReplyFileResult accept(ApiUser user, String payerId, byte[] body) {
        ClaimsApi.requireEveryClinic(user, "posting replies");
        if (partners.payer(payerId).isEmpty()) {
            throw ApiException.notFound("no payer '" + payerId + "' in payers.yaml");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body must be the reply file (X12 TA1, 999, 277CA or 835)");
        }
        if (body.length > MAX_REPLY_BYTES) {
            throw new ApiException(413, "a reply file may have at most " + MAX_REPLY_BYTES + " bytes");
        }
        try {
            ReplyFileResult result = payerReplies.accept(payerId, body, "api-" + user.name() + ".x12");
            audit.record(user.name(), user.role().label(), "post-reply", null, payerId + " " + result.storedName(),
                    result.duplicate() ? "duplicate" : result.matched() + " matched, " + result.unmatched() + " unmatched");
            return result;
        } catch (UnreadableFileException e) {
            audit.record(user.name(), user.role().label(), "post-reply", null, payerId, "unreadable");
            throw new ApiException(422, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reply for payer " + payerId, e);
        }
    }
}
