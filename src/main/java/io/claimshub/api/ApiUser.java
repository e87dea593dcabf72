package io.claimshub.api;

import java.util.Set;

/**
 * Who is calling: a user name (basic auth) or an API key's name, never the secret itself.
 *
 * @param clinics the clinics this identity may read and submit for; empty means every clinic
 */
public record ApiUser(String name, Role role, Set<String> clinics) {

    public ApiUser {
        clinics = Set.copyOf(clinics);
    }

    public ApiUser(String name, Role role) {
        this(name, role, Set.of());
    }

    /** Limited to some clinics ({@code clinics=} in the users file). */
    public boolean limited() {
        return !clinics.isEmpty();
    }

    public boolean mayUse(String clinicId) {
        return clinics.isEmpty() || clinics.contains(clinicId);
    }
}
