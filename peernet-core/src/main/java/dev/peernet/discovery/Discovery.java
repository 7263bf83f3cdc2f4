package dev.peernet.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * LAN discovery: announces this node as a DNS-SD service {@code _peernet._tcp.local} over mDNS
 * and lists the other Peernet nodes heard on the chosen interfaces. See {@code package-info} for
 * the records and timings, ADR 0006 for why it is not jmDNS.
 *
 * <p>Discovery owns its threads (one receiver per interface, one event thread); listeners run on
 * the event thread and must not block. {@link #close()} sends goodbyes and stops them all.
 */
public interface Discovery extends AutoCloseable {
    /**
     * Opens an mDNS socket on each chosen interface, announces {@code self} at once and asks who
     * is there. Interfaces that cannot be used are reported by {@link #interfaces()}, not thrown.
     */
    static Discovery start(DiscoveryConfig config, Announcement self) {
        return MdnsDiscovery.start(config, self, NetworkInterfaces.system());
    }

    /**
     * Replaces this node's announcement (new network ID, name or port) and announces it at once.
     */
    void announce(Announcement updated);

    /** What this node currently announces. */
    Announcement self();

    /** The Peernet nodes heard now, never this node itself; one entry per (interface, peer ID). */
    List<NearbyPeer> nearby();

    /** Calls {@code listener} on each appeared, updated or gone peer, from now on. */
    void addListener(Consumer<? super DiscoveryEvent> listener);

    void removeListener(Consumer<? super DiscoveryEvent> listener);

    /** Every local interface, whether discovery uses it and whether mDNS works there. */
    List<InterfaceStatus> interfaces();

    /** Sends goodbye records (TTL 0) on every used interface, then closes sockets and threads. */
    @Override
    void close();
}
