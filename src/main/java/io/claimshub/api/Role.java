package io.claimshub.api;

import java.util.Locale;

/** What an API identity may do. Each role may do everything the ones before it may. */
public enum Role {
    /** Read claims, dead letters and the API description (GET only). */
    READER,
    /** Also act: resubmit a corrected claim, redeliver a dead batch. */
    OPERATOR,
    /** Also read the audit log. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "reader" | "operator" | "admin" */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text.strip() + "': use reader, operator or admin");
    }
}
