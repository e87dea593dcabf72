package io.claimshub.replies;

import java.math.BigDecimal;
import java.util.List;

/**
 * One claim's status record after one reply was applied, as the clinic receives it (the outbox JSON, the
 * webhook body): the claim, the status the reply means, whether the claim moved to it, amounts, and every
 * code next to its meaning in words ({@link ReplyOutcome} plus the claim and what applying it did).
 * Contains no patient data beyond the clinic's own patient control number.
 *
 * @param reply          TA1 | 999 | 277CA | 835
 * @param replyStatus    the status this reply means ("" when it means no change, e.g. a TA1 that accepts)
 * @param claimStatus    the claim's status after this reply (a reply never moves a claim backwards)
 * @param paymentDate    BPR16 as an ISO date, null when the payer sent none or not a calendar date (a reason says so)
 * @param claimStatusCode 835 CLP02, null for other replies
 * @param allowed        835: what the payer allowed (AMT*AU, or the lines' AMT*B6, or billed less CO adjustments)
 * @param remarks        835 remark codes (RARC) of the claim
 * @param remittance     835: the clinic's share of the payment (its copy of the 835), null for other replies
 */
public record ClaimStatusRecord(long claimId, String clinicId, String patientControlNumber, String payerId, String reply,
                               String replyFile, String controlNumbers, String replyStatus, String claimStatus,
                               boolean statusChanged, String payerClaimNumber, BigDecimal charge, BigDecimal paid,
                               BigDecimal patientResponsibility, String checkOrEftNumber, String paymentDate,
                               List<Reason> reasons, List<Adjustment> adjustments, List<Line> lines,
                               String claimStatusCode, BigDecimal allowed, List<Reason> remarks,
                               RemittanceShare remittance) {

    /** A code and its meaning: {@code code} as sent ("A7:562:85", "IK3 CLM 8", "CARC 45"), {@code text} in words. */
    public record Reason(String code, String text) {
    }

    /** A CAS adjustment: group and reason code with their words, and the amount. */
    public record Adjustment(String group, String groupText, String reason, String reasonText, BigDecimal amount) {
    }

    /**
     * A service line of an 835 (SVC), found by the line item control number REF*6R the clinic sent.
     *
     * @param allowed AMT*B6, or billed less the line's CO adjustments
     * @param remarks LQ*HE remark codes (RARC) in words
     */
    public record Line(String lineControlNumber, String procedure, BigDecimal charge, BigDecimal paid,
                       List<Adjustment> adjustments, BigDecimal allowed, BigDecimal patientResponsibility,
                       List<Reason> remarks) {
    }

    /**
     * The clinic's share of one 835 payment: what its copy of the 835 says.
     *
     * @param amount               BPR02 of the clinic's copy: its claims' CLP04 less its PLB amounts
     * @param providerAdjustments  its PLB adjustments
     */
    public record RemittanceShare(String checkOrEftNumber, String paymentDate, BigDecimal amount,
                                  List<ProviderAdjustment> providerAdjustments) {
    }

    /** One PLB adjustment: PLB01 provider, PLB03-1 reason code in words, PLB03-2 reference, amount (positive reduces the payment). */
    public record ProviderAdjustment(String providerId, String reasonCode, String reasonText, String reference,
                                     BigDecimal amount) {
    }
}
