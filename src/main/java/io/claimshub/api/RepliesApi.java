package io.claimshub.api;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.ReplyIntake;
import io.claimshub.replies.ReplyResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Replies over the API: the list of replies that matched no claim (kept, never dropped), and a payer's
 * reply file POSTed to the hub, which goes through the same intake as a file picked up from the payer.
 * No Camel here; {@link ApiRequestHandler} does the HTTP.
 */
public final class RepliesApi {

    static final Set<String> UNMATCHED_PARAMETERS = Set.of("payer");
    private static final int MAX_REPLY_BYTES = 50 * 1024 * 1024;

    private final ReplyLedger ledger;
    private final ReplyIntake intake;
    private final AuditLog audit;
    private final PartnerConfig partners;

    public RepliesApi(ReplyLedger ledger, ReplyIntake intake, AuditLog audit, PartnerConfig partners) {
        this.ledger = ledger;
        this.intake = intake;
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

    /** @return what the reply did; 404 for an unknown payer, 422 with the reason when it is not readable X12 */
    public ReplyResult accept(ApiUser user, String payerId, byte[] body) {
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
            ReplyResult result = intake.accept(payerId, body, "api-" + user.name() + ".x12");
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
