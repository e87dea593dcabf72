package io.claimshub.claim;

import java.time.LocalDate;

/**
 * A patient or an insured person. PHI: never log any of these values.
 *
 * @param sex M, F or U (DMG03)
 */
public record Person(String lastName, String firstName, String middleName, LocalDate birthDate, String sex, Address address) {
}
