package io.claimshub.x12.replies;

import java.math.BigDecimal;
import java.util.List;

/**
 * One 835 transaction set (005010X221A1): one payment (check or EFT) and the claims it pays.
 *
 * @param checkNumber        TRN-2, the check or EFT trace number
 * @param paymentDate        BPR-16 as sent (CCYYMMDD)
 * @param paymentAmount      BPR-02
 * @param payeeNpi           N1*PE with XX, or ""
 * @param payeeTaxId         N1*PE with FI, or REF*TJ, or ""
 * @param replyControlNumber ISA13 of the interchange the 835 came in
 */
public record Remittance(String replyControlNumber, String transactionControlNumber, String checkNumber,
                         String paymentDate, BigDecimal paymentAmount, String payeeNpi, String payeeTaxId,
                         List<ClaimPayment> claims) {

    public Remittance {
        claims = List.copyOf(claims);
    }

    /**
     * One CLP loop.
     *
     * @param statusCode            CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 22 reversal …
     * @param firstSegment          index in the set of its CLP segment
     * @param endSegment            index in the set just after its last segment
     */
    public record ClaimPayment(String clm01, String statusCode, BigDecimal charge, BigDecimal paid,
                               BigDecimal patientResponsibility, String payerClaimNumber, List<Adjustment> adjustments,
                               List<LinePayment> lines, int firstSegment, int endSegment) {
        public ClaimPayment {
            adjustments = List.copyOf(adjustments);
            lines = List.copyOf(lines);
        }
    }

    /** One SVC loop; {@code lineControlNumber} is REF*6R, the line item control number the clinic sent. */
    public record LinePayment(String lineControlNumber, String procedure, BigDecimal charge, BigDecimal paid,
                              List<Adjustment> adjustments) {
        public LinePayment {
            adjustments = List.copyOf(adjustments);
        }
    }

    /** One CAS triple: group (CO, PR, OA, PI, CR), claim adjustment reason code (CARC), amount. */
    public record Adjustment(String group, String reason, BigDecimal amount) {
    }
}
