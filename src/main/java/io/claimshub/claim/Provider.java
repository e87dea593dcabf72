package io.claimshub.claim;

/** A rendering provider (NM1*82*1): an individual identified by NPI. */
public record Provider(String npi, String lastName, String firstName) {
}
