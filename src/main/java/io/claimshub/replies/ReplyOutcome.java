package io.claimshub.replies;

import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.ReplyLedger;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a reply means for a claim, before it is applied: the status (null = no change), amounts and
 * reasons. {@link ReplyOutcomes} makes them from the parsed replies.
 */
public record ReplyOutcome(String kind, String controlNumbers, ClaimStatus status, String payerClaimNumber,
                           BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String checkNumber,
                           String paymentDate, List<ClaimReplyStatus.Reason> reasons,
                           List<ClaimReplyStatus.Adjustment> adjustments, List<ClaimReplyStatus.Line> lines) {

    public ReplyOutcome {
        reasons = List.copyOf(reasons);
        adjustments = List.copyOf(adjustments);
        lines = List.copyOf(lines);
    }

    ReplyLedger.ClaimReply toLedger() {
        String reasonText = reasons.stream().map(r -> r.code() + ": " + r.text()).collect(Collectors.joining("\n"));
        StringBuilder adjustmentText = new StringBuilder();
        adjustments.forEach(a -> adjustmentText.append(a.group()).append('-').append(a.reason()).append(' ')
                .append(a.amount().toPlainString()).append('\n'));
        for (ClaimReplyStatus.Line line : lines) {
            line.adjustments().forEach(a -> adjustmentText.append("line ").append(line.lineControlNumber()).append(' ')
                    .append(a.group()).append('-').append(a.reason()).append(' ').append(a.amount().toPlainString())
                    .append('\n'));
        }
        return new ReplyLedger.ClaimReply(kind, controlNumbers, status, payerClaimNumber, charge, paid,
                patientResponsibility, checkNumber, paymentDate, reasonText, adjustmentText.toString().strip());
    }
}
