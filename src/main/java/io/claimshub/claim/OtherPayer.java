package io.claimshub.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an earlier payer did with the claim, as the next payer's 837P carries it (2320, 2330A, 2330B
 * and 2430 of 005010X222A1): who paid, how much, the adjustments by group, what the patient still owes.
 * The hub builds it from that payer's 835 when it bills a secondary or tertiary payer.
 *
 * @param responsibility            SBR01 of that payer: P primary, S secondary
 * @param payerName                 2330B NM103
 * @param payerId                   2330B NM109 (PI)
 * @param claimFilingIndicator      2320 SBR09
 * @param payerClaimNumber          2330B REF*F8, the payer's claim control number (835 CLP07)
 * @param adjudicationDate          2330B / 2430 DTP*573, the 835's payment date
 * @param paid                      2320 AMT*D (835 CLP04)
 * @param remainingPatientLiability 2320 AMT*EAF (835 CLP05)
 * @param coverage                  the coverage that payer was billed under (2320 SBR, 2330A subscriber)
 * @param adjustments               claim-level CAS, written grouped by CAS01
 * @param lines                     2430, one per adjudicated service line
 */
public record OtherPayer(String responsibility, String payerName, String payerId, String claimFilingIndicator,
                         String payerClaimNumber, LocalDate adjudicationDate, BigDecimal paid,
                         BigDecimal remainingPatientLiability, Coverage coverage, List<Adjustment> adjustments,
                         List<LineAdjudication> lines) {

    public OtherPayer {
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One CAS triple: group (CO, PR, OA, PI, CR), reason code (CARC), amount. */
    public record Adjustment(String group, String reason, BigDecimal amount) {
    }

    /**
     * 2430 for one service line: SVD (payer, paid, procedure, units), CAS and DTP*573.
     *
     * @param lineControlNumber the claim line's REF*6R, to find it again
     */
    public record LineAdjudication(String lineControlNumber, BigDecimal paid, List<Adjustment> adjustments) {
        public LineAdjudication {
            adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        }
    }
}
