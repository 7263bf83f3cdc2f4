package dev.peernet.liveness;

import dev.peernet.identity.PeerId;

/**
 * Where {@link Swim} sends its messages. Unreliable and datagram-like: a send may be lost, delayed or
 * reordered, and must never block or throw for a peer that is unreachable.
 */
@FunctionalInterface
public interface SwimTransport {
    void send(PeerId to, SwimMessage message);
}
