package io.claimshub.claim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Referring and ordering providers (2310A, 2420E, 2420F), provider taxonomies and drug lines (2410). */
final class ProviderEdits {

    private static final Pattern TAXONOMY = Pattern.compile("[0-9A-Z]{9}X");
    /** CTP05-1 units of 005010X222A1. */
    private static final Set<String> DRUG_UNITS = Set.of("F2", "GR", "ME", "ML", "UN");

    private ProviderEdits() {
    }

    static void check(Claim claim, Findings findings) {
        provider(claim.referringProvider(), "claim", "referring provider (PV1-8)", findings);
        List<ServiceLine> lines = claim.lines();
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine line = lines.get(i);
            String where = Findings.line(i, line);
            provider(line.orderingProvider(), where, "ordering provider" + Findings.at(line, "FT1-21"), findings);
            provider(line.referringProvider(), where, "referring provider" + Findings.at(line, "referringProvider"), findings);
            taxonomy(line.renderingProvider(), where, "rendering provider" + Findings.at(line, "FT1-20"), findings);
            drug(line, where, findings);
        }
    }

    private static void provider(Provider provider, String where, String role, Findings findings) {
        if (provider == null) {
            return;
        }
        if (Findings.blank(provider.npi())) {
            findings.add(where, "PROVIDER_NPI_MISSING", role + " has no NPI (XCN.1)");
        } else {
            findings.npi(where, provider.npi(), role);
        }
        if (Findings.blank(provider.lastName())) {
            findings.add(where, "PROVIDER_NAME", role + " has no last name (XCN.2)");
        }
        taxonomy(provider, where, role, findings);
    }

    private static void taxonomy(Provider provider, String where, String role, Findings findings) {
        if (provider != null && provider.taxonomy() != null && !TAXONOMY.matcher(provider.taxonomy()).matches()) {
            findings.add(where, "PROVIDER_TAXONOMY", role + " taxonomy '" + provider.taxonomy()
                    + "' must be a 10-character provider taxonomy code, like 207Q00000X");
        }
    }

    private static void drug(ServiceLine line, String where, Findings findings) {
        Drug drug = line.drug();
        if (drug == null) {
            return;
        }
        if (!Ndc.valid(drug.ndc())) {
            findings.add(where, "NDC", "NDC '" + drug.ndc() + "'" + Findings.at(line, "FT1-29")
                    + " must be 11 digits in the 5-4-2 form (e.g. 00182106105), or 10 digits with dashes as on the label");
        }
        BigDecimal quantity = drug.quantity();
        if (quantity == null || quantity.signum() <= 0) {
            findings.add(where, "NDC_QUANTITY", "the drug quantity" + Findings.at(line, "FT1-10") + " must be more than 0");
        }
        if (drug.unit() == null || !DRUG_UNITS.contains(drug.unit())) {
            findings.add(where, "NDC_UNIT", "the drug unit '" + drug.unit() + "' must be F2 (international unit), GR (gram),"
                    + " ME (milligram), ML (millilitre) or UN (unit)");
        }
    }
}
