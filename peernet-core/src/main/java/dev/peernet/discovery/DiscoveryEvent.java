package dev.peernet.discovery;

/** A change in the set of nearby peers, as delivered to {@link Discovery#addListener}. */
public sealed interface DiscoveryEvent {
    /** The peer the event is about, as it is now (for {@link Gone}, as it was last). */
    NearbyPeer peer();

    /** A peer was heard for the first time, or again after it had gone. */
    record Appeared(NearbyPeer peer) implements DiscoveryEvent {}

    /** A known peer announced a change: name, network ID, version, addresses or interface. */
    record Updated(NearbyPeer previous, NearbyPeer peer) implements DiscoveryEvent {}

    /** A peer said goodbye or its records expired. */
    record Gone(NearbyPeer peer, Reason reason) implements DiscoveryEvent {}

    /** Why a peer is gone. */
    enum Reason {
        /** It sent goodbye records (TTL 0): a clean stop. */
        GOODBYE,
        /** Its records' TTL ran out without a refresh: a crash, or it left the LAN. */
        EXPIRED,
        /** The interface it was heard on is no longer used by discovery. */
        INTERFACE_GONE
    }
}
