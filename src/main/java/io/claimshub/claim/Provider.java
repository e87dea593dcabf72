package io.claimshub.claim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An individual provider identified by NPI: rendering (NM1*82), referring (NM1*DN) or ordering (NM1*DK).
 *
 * @param taxonomy PRV*PE*PXC provider taxonomy code; null when neither sent nor configured
 */
public record Provider(String npi, String lastName, String firstName,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String taxonomy) {

    public Provider(String npi, String lastName, String firstName) {
        this(npi, lastName, firstName, null);
    }

    public Provider withTaxonomy(String code) {
        return new Provider(npi, lastName, firstName, code);
    }

    /** The same person: equal NPIs. */
    public boolean sameAs(Provider other) {
        return other != null && npi != null && npi.equals(other.npi);
    }
}
