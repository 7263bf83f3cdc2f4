package dev.peernet.membership;

import dev.peernet.identity.PeerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A current member of the network, as the signed records say.
 *
 * @param name the name it gave when it joined (the founder's at founding)
 * @param admittedBy who signed its admission; empty for the founder
 * @param since when it was admitted (by the admitter's clock)
 */
public record Member(PeerId id, String name, Role role, Optional<PeerId> admittedBy, Instant since) {}
