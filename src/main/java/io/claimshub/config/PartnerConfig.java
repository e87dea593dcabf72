package io.claimshub.config;

import io.claimshub.claim.Claim;
import io.claimshub.claim.EditContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The clinics and payers the hub serves, as loaded and checked from clinics.yaml and payers.yaml. */
public record PartnerConfig(List<ClinicConfig> clinics, List<PayerConfig> payers) {

    public PartnerConfig {
        clinics = List.copyOf(clinics);
        payers = List.copyOf(payers);
    }

    public Optional<ClinicConfig> clinic(String id) {
        return clinics.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The clinic whose {@code sendingFacilities} lists this MSH-4 value (case-insensitive). */
    public Optional<ClinicConfig> clinicForSendingFacility(String msh4) {
        if (msh4 == null) {
            return Optional.empty();
        }
        return clinics.stream()
                .filter(c -> c.sendingFacilities().stream().anyMatch(f -> f.equalsIgnoreCase(msh4.trim())))
                .findFirst();
    }

    public Optional<PayerConfig> payer(String id) {
        return payers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The payer whose {@code match} lists this IN1-3 company id (case-insensitive). */
    /** What the edits need of {@code clinic} and of the payer the claim's primary coverage names. */
    public EditContext editContext(ClinicConfig clinic, Claim claim) {
        EditContext.Payer payer = Optional.ofNullable(claim.primaryCoverage())
                .flatMap(coverage -> payerForCompanyId(coverage.payerKey()))
                .map(p -> new EditContext.Payer(p.name(), p.timelyFilingDays(),
                        (p.delimiters() == null ? PayerConfig.Delimiters.DEFAULT : p.delimiters()).characters()))
                .orElse(null);
        return new EditContext(new EditContext.BillingProvider(clinic.npi(), clinic.taxId(), clinic.address(),
                clinic.placeOfService()), payer);
    }

    public Optional<PayerConfig> payerForCompanyId(String in13) {
        if (in13 == null || in13.isBlank()) {
            return Optional.empty();
        }
        String key = in13.trim().toUpperCase(Locale.ROOT);
        return payers.stream()
                .filter(p -> p.match().stream().anyMatch(m -> m.trim().toUpperCase(Locale.ROOT).equals(key)))
                .findFirst();
    }
}
