package io.claimshub.x12.replies;

import java.math.BigDecimal;
import java.util.List;

/**
 * One claim (2200D) of a 277CA (005010X214).
 *
 * @param clm01               2200D TRN-2, the patient control number the clinic sent
 * @param payerClaimNumber    REF*1K, the number the payer gave the claim ("" when none)
 * @param providerQualifier   2000C NM1*85 NM108: XX (NPI) or FI (tax id)
 * @param providerId          2000C NM1*85 NM109
 * @param statuses            the claim-level STC composites, then those of its service lines
 * @param replyControlNumber  ISA13 of the interchange the 277CA came in
 */
public record ClaimAck(String replyControlNumber, String clm01, String payerClaimNumber, String providerQualifier,
                       String providerId, BigDecimal charge, List<Status> statuses) {

    public ClaimAck {
        statuses = List.copyOf(statuses);
    }

    /**
     * One STC01 (or STC10 / STC11) composite: category code (A1 …), status code, entity.
     *
     * @param line the service line's REF*FJ line item control number, "" at claim level
     */
    public record Status(String category, String code, String entity, String line) {
    }
}
