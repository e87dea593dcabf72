package io.claimshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.api.ClaimViews.Acknowledgement;
import io.claimshub.api.ClaimViews.AdjustmentView;
import io.claimshub.api.ClaimViews.LineView;
import io.claimshub.api.ClaimViews.Payment;
import io.claimshub.api.ClaimViews.Remark;
import io.claimshub.claim.Reason;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.ClaimStatusRecord;
import io.claimshub.replies.ReplyDetail;
import io.claimshub.replies.ReplyOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What the payer said about a claim, for the claim detail: the latest 835 (amounts per claim and line,
 * adjustments and remarks in words, the clinic's remittance with its PLB lines), the latest 277CA, the
 * reasons of the reply that set the claim's status (from the ledger's {@code claim_reply} rows) and the
 * claim billed to the next payer from it.
 */
final class PayerOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ReplyLedger replies;

    PayerOutcomes(ReplyLedger replies) {
        this.replies = replies;
    }

    /**
     * @param reasons  the reasons of the last reply that moved the claim (a denial in words), empty when none did
     * @param payment  the latest 835 about the claim, null when none
     */
    record Outcome(List<Reason> reasons, Payment payment, Acknowledgement acknowledgement, ClaimViews.ClaimLink secondary) {
    }

    Outcome of(long claimId) {
        List<ReplyLedger.ClaimReplyRow> rows = replies.replies(claimId);
        List<Reason> reasons = List.of();
        Payment payment = null;
        Acknowledgement acknowledgement = null;
        for (ReplyLedger.ClaimReplyRow row : rows) {
            ReplyDetail detail = detail(row);
            if (row.applied()) {
                reasons = reasons(row, detail);
            }
            if (detail == null) {
                continue;
            }
            if (row.kind().equals("835")) {
                payment = payment(detail);
            } else if (row.kind().equals("277CA")) {
                ReplyOutcome outcome = detail.outcome();
                acknowledgement = new Acknowledgement(outcome.status() == null ? "no change" : outcome.status().display(),
                        blankToNull(outcome.payerClaimNumber()), outcome.reasons().stream()
                        .map(r -> new Remark(r.code(), r.text())).toList());
            }
        }
        ClaimViews.ClaimLink secondary = replies.secondaryOf(claimId).map(c -> new ClaimViews.ClaimLink(c.id(), c.payerId(),
                c.clm01(), c.status().display())).orElse(null);
        return new Outcome(reasons, payment, acknowledgement, secondary);
    }

    private static List<Reason> reasons(ReplyLedger.ClaimReplyRow row, ReplyDetail detail) {
        if (detail != null) {
            String where = row.kind() + " " + detail.outcome().controlNumbers();
            return detail.outcome().reasons().stream().map(r -> new Reason(where, r.code(), r.text())).toList();
        }
        List<Reason> reasons = new ArrayList<>();
        if (row.reasons() != null) {
            for (String line : row.reasons().split("\n")) {
                int colon = line.indexOf(": ");
                reasons.add(colon < 0 ? new Reason(row.kind(), "", line)
                        : new Reason(row.kind(), line.substring(0, colon), line.substring(colon + 2)));
            }
        }
        return reasons;
    }

    private static Payment payment(ReplyDetail detail) {
        ReplyOutcome outcome = detail.outcome();
        String statusText = outcome.reasons().stream().filter(r -> r.code().startsWith("CLP02 ")).map(ClaimStatusRecord.Reason::text)
                .findFirst().orElse(null);
        List<LineView> lines = outcome.lines().stream().map(line -> new LineView(line.lineControlNumber(), line.procedure(),
                line.charge(), line.allowed(), line.paid(), line.patientResponsibility(), adjustments(line.adjustments()),
                remarks(line.remarks()))).toList();
        return new Payment(outcome.claimStatusCode(), statusText, blankToNull(outcome.payerClaimNumber()), outcome.charge(),
                outcome.allowed(), outcome.paid(), outcome.patientResponsibility(), adjustments(outcome.adjustments()),
                remarks(outcome.remarks()), lines, outcome.forwarded(), detail.remittance());
    }

    private static List<AdjustmentView> adjustments(List<ClaimStatusRecord.Adjustment> adjustments) {
        return adjustments.stream().map(a -> new AdjustmentView(a.group(), a.groupText(), a.reason(), a.reasonText(),
                a.amount())).toList();
    }

    private static List<Remark> remarks(List<ClaimStatusRecord.Reason> remarks) {
        return remarks == null ? List.of() : remarks.stream()
                .map(r -> new Remark(r.code().replaceFirst("^RARC ", ""), r.text())).toList();
    }

    private static ReplyDetail detail(ReplyLedger.ClaimReplyRow row) {
        if (row.detail() == null) {
            return null;
        }
        try {
            return JSON.readValue(row.detail(), ReplyDetail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claim_reply detail of claim " + row.claimId() + " is not the JSON the hub writes", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
