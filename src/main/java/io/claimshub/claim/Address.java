package io.claimshub.claim;

/** A postal address (N3/N4). {@code zip} holds digits only: 5 or 9 of them. */
public record Address(String line1, String line2, String city, String state, String zip) {
}
