package io.claimshub.claim;

/**
 * What the edits need to know besides the claim: the billing clinic's identifiers (clinics.yaml) and
 * the payer the primary coverage's IN1-3 names (payers.yaml). Built by the partner config, so the
 * claim model does not depend on it.
 *
 * @param payer the payer of the primary coverage, or null when IN1-3 is missing or matches no payer
 */
public record EditContext(BillingProvider billingProvider, Payer payer) {

    /** @param placeOfService the clinic's default, for claims whose PV1-3 gives none */
    public record BillingProvider(String npi, String taxId, Address address, String placeOfService) {
    }

    /**
     * @param timelyFilingDays dates of service older than this many days are refused
     * @param delimiters       the four X12 delimiters of the payer's files (element, component, repetition,
     *                         segment), which no identifier may hold
     */
    public record Payer(String name, int timelyFilingDays, String delimiters) {
    }
}
