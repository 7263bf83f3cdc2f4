package dev.peernet.testkit;

import java.time.Duration;

/**
 * How an in-memory link misbehaves, in the spirit of OkHttp's {@code SocketPolicy}. One policy per
 * link, fixed when the link is made; {@link LinkPair#partition()} and {@link LinkPair#heal()} toggle
 * a partition at runtime on any link.
 */
public sealed interface LinkPolicy {
    /** A perfect link. */
    LinkPolicy NONE = new None();

    /** Bytes are held in both directions until {@link LinkPair#heal()}, as in a network partition. */
    LinkPolicy PARTITION = new Partition();

    /** Reads in both directions never return, and the link never heals: a peer that went silent. */
    LinkPolicy STALL = new Stall();

    /** The dial fails with an {@link java.io.IOException}; the listener never sees the link. */
    LinkPolicy FAIL_HANDSHAKE = new FailHandshake();

    /** Every write reaches the other end {@code latency} later. */
    static LinkPolicy delay(Duration latency) {
        return new Delay(latency);
    }

    /** The link is cut once {@code bytes} bytes have crossed it, counting both directions. */
    static LinkPolicy dropAfter(long bytes) {
        return new DropAfter(bytes);
    }

    /** See {@link #NONE}. */
    record None() implements LinkPolicy {}

    /** See {@link #PARTITION}. */
    record Partition() implements LinkPolicy {}

    /** See {@link #STALL}. */
    record Stall() implements LinkPolicy {}

    /** See {@link #FAIL_HANDSHAKE}. */
    record FailHandshake() implements LinkPolicy {}

    /** See {@link #delay(Duration)}. */
    record Delay(Duration latency) implements LinkPolicy {
        public Delay {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("a link's latency cannot be negative: " + latency);
            }
        }
    }

    /** See {@link #dropAfter(long)}. */
    record DropAfter(long bytes) implements LinkPolicy {
        public DropAfter {
            if (bytes < 0) {
                throw new IllegalArgumentException("DROP_AFTER needs a byte count of 0 or more, not " + bytes);
            }
        }
    }
}
