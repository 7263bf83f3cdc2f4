package dev.peernet.membership;

import java.util.Locale;

/** What a member may do. Admins may also remove members and grant roles. */
public enum Role {
    MEMBER,
    ADMIN;

    /** Lower-case text for people and JSON: {@code member}, {@code admin}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
