package dev.peernet.send;

import java.util.Locale;

/** What a node does with files a member sends it. */
public enum AcceptPolicy {
    /** Fetch them into the inbox at once: the default, as LocalSend does between trusted devices. */
    AUTO,
    /** Keep the offer pending until the user accepts or declines it. */
    ASK,
    /** Refuse every offer. */
    REFUSE;

    /** {@code auto}, {@code ask} or {@code refuse}, in any case. */
    public static AcceptPolicy parse(String text) {
        for (AcceptPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a policy for incoming files; use auto, ask or refuse.");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
