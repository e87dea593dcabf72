package io.claimshub.claim;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * A patient or an insured person. PHI: never log any of these values.
 *
 * @param sex    M, F or U (DMG03)
 * @param suffix name suffix (XPN.4, NM107): JR, SR, III …; left out of the canonical JSON when empty so
 *               that claims without one keep their content hash
 */
public record Person(String lastName, String firstName, String middleName, LocalDate birthDate, String sex, Address address,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String suffix) {

    public Person(String lastName, String firstName, String middleName, LocalDate birthDate, String sex, Address address) {
        this(lastName, firstName, middleName, birthDate, sex, address, null);
    }
}
