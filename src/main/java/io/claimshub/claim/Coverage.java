package io.claimshub.claim;

/**
 * One insurance (IN1) of the patient.
 *
 * @param origin           where it came from, for reasons: "IN1 #1" (HL7) or "coverages[0]" (JSON)
 * @param payerKey         IN1-3 insurance company id: looked up in payers.yaml {@code match}
 * @param payerName        IN1-4 insurance company name
 * @param groupNumber      IN1-8, SBR03
 * @param memberId         IN1-36 policy number, NM109 of the subscriber
 * @param relationshipCode patient's relationship to the insured as an X12 individual relationship
 *                         code: 18 self, 01 spouse, 19 child, G8 other
 * @param insured          IN1-16/18/19/43; equal to the patient when the relationship is 18
 */
public record Coverage(
        String origin,
        String payerKey,
        String payerName,
        String groupNumber,
        String memberId,
        String relationshipCode,
        Person insured) {

    public static final String SELF = "18";

    public boolean patientIsInsured() {
        return relationshipCode == null || SELF.equals(relationshipCode);
    }
}
