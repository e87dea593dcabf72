package io.claimshub.x12.replies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One 835 transaction set (005010X221A1): one payment (check or EFT), the claims it pays and the
 * provider-level adjustments (PLB) that, with them, make up the payment: BPR02 = ΣCLP04 − ΣPLB amounts.
 *
 * @param checkNumber           TRN-2, the check or EFT trace number
 * @param paymentDate           BPR-16, null when it is missing or not a calendar date (then {@code dateProblems} says so)
 * @param paymentAmount         BPR-02
 * @param payeeNpi              N1*PE with XX, or ""
 * @param payeeTaxId            N1*PE with FI, or REF*TJ, or ""
 * @param providerAdjustments   every PLB adjustment, in file order
 * @param dateProblems          dates of the payment header that are not calendar dates, in words
 * @param replyControlNumber    ISA13 of the interchange the 835 came in
 */
public record Remittance(String replyControlNumber, String transactionControlNumber, String checkNumber,
                         LocalDate paymentDate, BigDecimal paymentAmount, String payeeNpi, String payeeTaxId,
                         List<ClaimPayment> claims, List<ProviderAdjustment> providerAdjustments,
                         List<String> dateProblems) {

    public Remittance {
        claims = List.copyOf(claims);
        providerAdjustments = List.copyOf(providerAdjustments);
        dateProblems = List.copyOf(dateProblems);
    }

    /**
     * One CLP loop.
     *
     * @param statusCode            CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 22 reversal …
     * @param allowed               AMT*AU when sent, else the sum of the lines' allowed amounts, else charge − CO adjustments
     * @param remarks               remark codes (RARC) of MOA03-07 and MIA05/20-23
     * @param dateProblems          claim or line dates (DTM) that are not calendar dates, in words
     * @param firstSegment          index in the set of its CLP segment
     * @param endSegment            index in the set just after its last segment
     */
    public record ClaimPayment(String clm01, String statusCode, BigDecimal charge, BigDecimal paid,
                               BigDecimal patientResponsibility, BigDecimal allowed, String payerClaimNumber,
                               List<Adjustment> adjustments, List<String> remarks, List<LinePayment> lines,
                               List<String> dateProblems, int firstSegment, int endSegment) {
        public ClaimPayment {
            adjustments = List.copyOf(adjustments);
            remarks = List.copyOf(remarks);
            lines = List.copyOf(lines);
            dateProblems = List.copyOf(dateProblems);
        }

        /** Every CAS of the claim and of its lines. */
        public List<Adjustment> allAdjustments() {
            List<Adjustment> all = new java.util.ArrayList<>(adjustments);
            lines.forEach(line -> all.addAll(line.adjustments()));
            return all;
        }
    }

    /**
     * One SVC loop; {@code lineControlNumber} is REF*6R, the line item control number the clinic sent.
     *
     * @param allowed               AMT*B6 when sent, else charge − CO adjustments of the line
     * @param patientResponsibility the line's PR adjustments
     * @param remarks               LQ*HE remark codes (RARC)
     */
    public record LinePayment(String lineControlNumber, String procedure, BigDecimal charge, BigDecimal paid,
                              BigDecimal allowed, BigDecimal patientResponsibility, List<Adjustment> adjustments,
                              List<String> remarks) {
        public LinePayment {
            adjustments = List.copyOf(adjustments);
            remarks = List.copyOf(remarks);
        }
    }

    /** One CAS triple: group (CO, PR, OA, PI, CR), claim adjustment reason code (CARC), amount. */
    public record Adjustment(String group, String reason, BigDecimal amount) {
    }

    /**
     * One adjustment of a PLB segment (PLB03/04 … PLB13/14). A positive amount reduces the payment
     * (a withhold, a recovered overpayment), a negative one adds to it (interest).
     *
     * @param providerId        PLB01, the provider's NPI or tax id
     * @param fiscalPeriodDate  PLB02 as sent
     * @param reasonCode        PLB03-1 (WO, L6, CV, FB …)
     * @param reference         PLB03-2, the payer's reference for it
     * @param segment           index of its PLB segment in the set
     */
    public record ProviderAdjustment(String providerId, String fiscalPeriodDate, String reasonCode, String reference,
                                     BigDecimal amount, int segment) {
    }
}
