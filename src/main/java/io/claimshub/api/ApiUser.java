package io.claimshub.api;

/** Who is calling: a user name (basic auth) or an API key's name, never the secret itself. */
public record ApiUser(String name, Role role) {
}
