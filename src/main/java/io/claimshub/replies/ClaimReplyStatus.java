package io.claimshub.replies;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one reply says about one claim, as the clinic receives it (JSON) and the ledger records it:
 * the claim, the status the reply means, whether the claim moved to it, amounts, and every code next to
 * its meaning in words. Contains no patient data beyond the clinic's own patient control number.
 *
 * @param reply          TA1 | 999 | 277CA | 835
 * @param replyStatus    the status this reply means ("" when it means no change, e.g. a TA1 that accepts)
 * @param claimStatus    the claim's status after this reply (a reply never moves a claim backwards)
 */
public record ClaimReplyStatus(long claimId, String clinicId, String patientControlNumber, String payerId, String reply,
                               String replyFile, String controlNumbers, String replyStatus, String claimStatus,
                               boolean statusChanged, String payerClaimNumber, BigDecimal charge, BigDecimal paid,
                               BigDecimal patientResponsibility, String checkOrEftNumber, String paymentDate,
                               List<Reason> reasons, List<Adjustment> adjustments, List<Line> lines) {

    /** A code and its meaning: {@code code} as sent ("A7:562:85", "IK3 CLM 8", "CARC 45"), {@code text} in words. */
    public record Reason(String code, String text) {
    }

    /** A CAS adjustment: group and reason code with their words, and the amount. */
    public record Adjustment(String group, String groupText, String reason, String reasonText, BigDecimal amount) {
    }

    /** A service line of an 835 (SVC), found by the line item control number REF*6R the clinic sent. */
    public record Line(String lineControlNumber, String procedure, BigDecimal charge, BigDecimal paid,
                       List<Adjustment> adjustments) {
    }
}
