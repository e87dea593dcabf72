package io.claimshub.replies;

import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.ReplyLedger;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one reply means for one claim, before it is applied: the status (null = no change), amounts and
 * reasons. {@link ReplyOutcomeMapper} makes them from the parsed replies; the ledger keeps them
 * ({@link ReplyDetail}) and the clinic gets them in a {@link ClaimStatusRecord}.
 *
 * @param paymentDate      ISO date, null when none or not a date
 * @param claimStatusCode  835 CLP02, null for other replies
 * @param forwarded        835: the payer forwarded the claim to the next payer itself (CLP02 19/20/21, MA18, N89)
 */
public record ReplyOutcome(String kind, String controlNumbers, ClaimStatus status, String payerClaimNumber,
                           BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String checkNumber,
                           String paymentDate, List<ClaimStatusRecord.Reason> reasons,
                           List<ClaimStatusRecord.Adjustment> adjustments, List<ClaimStatusRecord.Line> lines,
                           String claimStatusCode, BigDecimal allowed, List<ClaimStatusRecord.Reason> remarks,
                           boolean forwarded) {

    public ReplyOutcome {
        reasons = List.copyOf(reasons);
        adjustments = List.copyOf(adjustments);
        lines = List.copyOf(lines);
        remarks = List.copyOf(remarks);
    }

    /** An outcome that carries a status and reasons only (TA1, 999, 277CA). */
    static ReplyOutcome of(String kind, String controlNumbers, ClaimStatus status, String payerClaimNumber,
                           BigDecimal charge, List<ClaimStatusRecord.Reason> reasons) {
        return new ReplyOutcome(kind, controlNumbers, status, payerClaimNumber, charge, null, null, null, null, reasons,
                List.of(), List.of(), null, null, List.of(), false);
    }

    /** The same outcome under other control numbers (a second CLP for the same claim in one set). */
    ReplyOutcome withControlNumbers(String numbers) {
        return new ReplyOutcome(kind, numbers, status, payerClaimNumber, charge, paid, patientResponsibility, checkNumber,
                paymentDate, reasons, adjustments, lines, claimStatusCode, allowed, remarks, forwarded);
    }

    ReplyLedger.ClaimReply toLedger(String detailJson) {
        String reasonText = reasons.stream().map(r -> r.code() + ": " + r.text()).collect(Collectors.joining("\n"));
        StringBuilder adjustmentText = new StringBuilder();
        adjustments.forEach(a -> adjustmentText.append(a.group()).append('-').append(a.reason()).append(' ')
                .append(a.amount().toPlainString()).append('\n'));
        for (ClaimStatusRecord.Line line : lines) {
            line.adjustments().forEach(a -> adjustmentText.append("line ").append(line.lineControlNumber()).append(' ')
                    .append(a.group()).append('-').append(a.reason()).append(' ').append(a.amount().toPlainString())
                    .append('\n'));
        }
        return new ReplyLedger.ClaimReply(kind, controlNumbers, status, payerClaimNumber, charge, paid,
                patientResponsibility, checkNumber, paymentDate == null ? null : paymentDate.replace("-", ""), reasonText,
                adjustmentText.toString().strip(), detailJson);
    }
}
