package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.List;
import java.util.Optional;

/**
 * One gossiped fact: member {@code id} is in {@code state} at {@code incarnation}. Piggybacked on
 * probes and acks, pushed in {@link SwimMessage.Gossip}, and listed whole in {@link SwimMessage.Sync}.
 *
 * @param accuser for {@link MemberState#SUSPECT}, the member whose probe failed; Lifeguard counts
 *     distinct accusers as independent confirmations. Empty for other states.
 */
public record MemberUpdate(
        PeerId id,
        MemberState state,
        long incarnation,
        List<String> addresses,
        String version,
        Optional<PeerId> accuser) {
    public MemberUpdate {
        addresses = List.copyOf(addresses);
        if (incarnation < 0) {
            throw new IllegalArgumentException("an incarnation is at least 0, not " + incarnation);
        }
    }

    /** Whether this update wins over what a view holds at {@code incarnation} in {@code state}. */
    boolean overrides(long otherIncarnation, MemberState otherState) {
        return incarnation > otherIncarnation || (incarnation == otherIncarnation && state.compareTo(otherState) > 0);
    }
}
