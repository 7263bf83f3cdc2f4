package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.List;

/**
 * One message of the liveness protocol ({@code swim.proto}). Sent as one unreliable datagram; a
 * message type this build does not know arrives as {@link Unknown}.
 */
public sealed interface SwimMessage {
    /** A direct probe; the receiver answers with an {@link Ack} of the same {@code seq}. */
    record Ping(long seq, List<MemberUpdate> updates) implements SwimMessage {
        public Ping {
            updates = List.copyOf(updates);
        }
    }

    /**
     * Asks the receiver to probe {@code target} on the sender's behalf and forward the target's ack
     * (as an {@link Ack} of {@code seq}), or a {@link Nack} when the target stays silent.
     */
    record PingReq(long seq, PeerId target, List<MemberUpdate> updates) implements SwimMessage {
        public PingReq {
            updates = List.copyOf(updates);
        }
    }

    /** Answers a {@link Ping}, or forwards the target's answer to a {@link PingReq}. */
    record Ack(long seq, List<MemberUpdate> updates) implements SwimMessage {
        public Ack {
            updates = List.copyOf(updates);
        }
    }

    /**
     * An intermediary got no answer from the target of a {@link PingReq} in time. Tells the requester
     * its own links work, so the missed probe is the target's fault (Lifeguard).
     */
    record Nack(long seq) implements SwimMessage {}

    /** Updates pushed on their own, between probes, so news spreads faster than one probe period. */
    record Gossip(List<MemberUpdate> updates) implements SwimMessage {
        public Gossip {
            updates = List.copyOf(updates);
        }
    }

    /**
     * Anti-entropy: the sender's whole view. The receiver merges it and, unless {@code reply}, answers
     * with its own whole view.
     */
    record Sync(boolean reply, List<MemberUpdate> members) implements SwimMessage {
        public Sync {
            members = List.copyOf(members);
        }
    }

    /** A message type this build does not know, by its field number in the envelope. Ignored. */
    record Unknown(int kind) implements SwimMessage {}
}
