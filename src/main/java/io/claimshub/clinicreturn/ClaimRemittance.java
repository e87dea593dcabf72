package io.claimshub.clinicreturn;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a payer paid on one claim (one 835 CLP loop), as the clinic's practice-management system needs
 * it to post the payment: amounts, adjustments per claim and per line, and the check or EFT.
 *
 * @param clm01        the clinic's patient control number (CLP01 = CLM01)
 * @param checkNumber  835 TRN-02, the check or EFT trace number
 * @param paymentDate  835 BPR-16
 */
public record ClaimRemittance(String clm01, String payerClaimNumber, String payerName, String checkNumber,
                              LocalDate paymentDate, BigDecimal charged, BigDecimal paid,
                              BigDecimal patientResponsibility, List<Adjustment> adjustments, List<Line> lines) {

    public ClaimRemittance {
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A CAS adjustment: group (CO, PR, OA, PI, CR), CARC reason code, amount. */
    public record Adjustment(String group, String reason, BigDecimal amount) {
    }

    /** One SVC line: its procedure code, the 837's line control number (REF*6R), amounts, adjustments. */
    public record Line(String procedureCode, String lineControlNumber, BigDecimal charged, BigDecimal paid,
                       List<Adjustment> adjustments) {
        public Line {
            adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        }
    }
}
