package dev.peernet.liveness;

import java.util.Locale;
import java.util.Optional;

/**
 * What a member's view says about another member. Ordered by precedence: at equal incarnation, a
 * later constant overrides an earlier one ({@code ALIVE < SUSPECT < DEAD < LEFT}).
 */
public enum MemberState {
    /** Answers probes, directly or through others. */
    ALIVE(1),
    /** Missed a probe; dead unless it refutes with a higher incarnation before its suspicion times out. */
    SUSPECT(2),
    /** Stayed suspected past its suspicion timeout. */
    DEAD(3),
    /** Stopped cleanly and said so itself. */
    LEFT(4);

    /** The value of this state in {@code swim.proto}'s {@code MemberState}. */
    final int wireCode;

    MemberState(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The text form: {@code alive}, {@code suspect}, {@code dead} or {@code left}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the text form, ignoring case.
     *
     * @throws IllegalArgumentException naming the text when it is not a state
     */
    public static MemberState parse(String text) {
        for (MemberState s : values()) {
            if (s.text().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a member state (alive, suspect, dead or left)");
    }

    static Optional<MemberState> ofWireCode(int code) {
        for (MemberState s : values()) {
            if (s.wireCode == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether a member in this state is still probed and chosen as a gossip target. */
    boolean isActive() {
        return this == ALIVE || this == SUSPECT;
    }
}
