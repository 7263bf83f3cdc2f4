package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One member as the local view sees it.
 *
 * @param id the member's peer ID
 * @param state alive, suspect, dead or left
 * @param incarnation the member's own counter; only the member raises it, to refute a suspicion
 * @param addresses where the member listens, as the member announced them
 * @param version the protocol or software version the member announced
 * @param rtt the smoothed round trip of this node's own direct probes to it; empty until measured
 */
public record Member(
        PeerId id,
        MemberState state,
        long incarnation,
        List<String> addresses,
        String version,
        Optional<Duration> rtt) {
    public Member {
        addresses = List.copyOf(addresses);
    }
}
