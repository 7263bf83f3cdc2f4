package dev.peernet.discovery;

import dev.peernet.identity.PeerId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records heard on each interface (an mDNS cache, RFC 6762 §10) and the Peernet peers they
 * describe. Not thread-safe: discovery's event thread owns it. Time comes only from the clock.
 */
final class PeerTable {
    /** Bounds memory against a LAN (or an attacker) flooding us with records; far above real use. */
    static final int MAX_RECORDS_PER_INTERFACE = 4096;

    /** RFC 6762 §5.2: a cached record is re-queried once it reaches 80% of its lifetime. */
    private static final double REQUERY_AT = 0.8;

    private final PeerId self;
    private final InstantSource clock;
    private final Map<String, Map<Key, Entry>> caches = new HashMap<>();
    private final Map<String, Map<PeerId, NearbyPeer>> peers = new LinkedHashMap<>();

    PeerTable(PeerId self, InstantSource clock) {
        this.self = self;
        this.clock = clock;
    }

    /** Takes in the records of one received response; returns the events they cause. */
    List<DiscoveryEvent> received(String iface, List<DnsRecord> records) {
        Instant now = clock.instant();
        Map<Key, Entry> cache = caches.computeIfAbsent(iface, k -> new HashMap<>());
        List<DnsRecord> relevant = relevant(records, cache);
        Set<Key> inPacket = new HashSet<>();
        relevant.forEach(r -> inPacket.add(Key.of(r)));
        for (DnsRecord r : relevant) {
            if (r.cacheFlush() && r.ttl() > 0) {
                // RFC 6762 §10.2: a cache-flush record replaces its rrset's members not sent with it.
                cache.entrySet().removeIf(e -> e.getValue().sameRrset(r) && !inPacket.contains(e.getKey()));
            }
        }
        boolean goodbye = false;
        for (DnsRecord r : relevant) {
            Key key = Key.of(r);
            if (r.ttl() == 0) {
                goodbye |= cache.remove(key) != null;
            } else if (cache.containsKey(key) || cache.size() < MAX_RECORDS_PER_INTERFACE) {
                cache.put(key, new Entry(r, now, now.plus(Duration.ofSeconds(r.ttl())), false));
            }
        }
        return derive(iface, goodbye ? DiscoveryEvent.Reason.GOODBYE : DiscoveryEvent.Reason.EXPIRED);
    }

    /** Drops expired records; returns the events that causes. */
    List<DiscoveryEvent> expire() {
        Instant now = clock.instant();
        List<DiscoveryEvent> events = new ArrayList<>();
        for (String iface : List.copyOf(caches.keySet())) {
            if (caches.get(iface).values().removeIf(e -> !e.expiresAt().isAfter(now))) {
                events.addAll(derive(iface, DiscoveryEvent.Reason.EXPIRED));
            }
        }
        return events;
    }

    /** Forgets an interface discovery no longer uses. */
    List<DiscoveryEvent> dropInterface(String iface) {
        caches.remove(iface);
        return derive(iface, DiscoveryEvent.Reason.INTERFACE_GONE);
    }

    /**
     * Whether a peer's records have reached 80% of their lifetime unrefreshed, so a query should
     * ask whether it is still there; each record asks once.
     */
    boolean needsRequery() {
        Instant now = clock.instant();
        boolean needed = false;
        for (Map<Key, Entry> cache : caches.values()) {
            for (Map.Entry<Key, Entry> e : cache.entrySet()) {
                Entry entry = e.getValue();
                if (!entry.requeried() && entry.pastFraction(now, REQUERY_AT)) {
                    e.setValue(new Entry(entry.record(), entry.receivedAt(), entry.expiresAt(), true));
                    needed = true;
                }
            }
        }
        return needed;
    }

    List<NearbyPeer> nearby() {
        return peers.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** Keeps only records about Peernet instances and the hosts they name, so others cost nothing. */
    private static List<DnsRecord> relevant(List<DnsRecord> records, Map<Key, Entry> cache) {
        List<DnsName> targets = new ArrayList<>();
        for (DnsRecord r : records) {
            if (r.data() instanceof DnsRecord.Srv srv && isInstance(r.name())) {
                targets.add(srv.target());
            }
        }
        cache.values().stream()
                .filter(e -> e.record().data() instanceof DnsRecord.Srv)
                .forEach(e -> targets.add(((DnsRecord.Srv) e.record().data()).target()));
        return records.stream()
                .filter(r -> r.recordClass() == DnsRecord.IN)
                .filter(r -> switch (r.data()) {
                    case DnsRecord.Ptr p -> r.name().sameAs(ServiceRecords.SERVICE_TYPE) && isInstance(p.target());
                    case DnsRecord.Srv _ -> isInstance(r.name());
                    case DnsRecord.Txt _ -> isInstance(r.name());
                    case DnsRecord.A _ -> targets.stream().anyMatch(t -> t.sameAs(r.name()));
                    case DnsRecord.Aaaa _ -> targets.stream().anyMatch(t -> t.sameAs(r.name()));
                    case DnsRecord.Unknown _ -> false;
                })
                .toList();
    }

    private static boolean isInstance(DnsName name) {
        return name.labels().size() == ServiceRecords.SERVICE_TYPE.labels().size() + 1
                && name.parent().sameAs(ServiceRecords.SERVICE_TYPE);
    }

    /** Recomputes the peers of one interface from its cache and reports the differences. */
    private List<DiscoveryEvent> derive(String iface, DiscoveryEvent.Reason goneReason) {
        Map<Key, Entry> cache = caches.getOrDefault(iface, Map.of());
        Map<PeerId, NearbyPeer> now = new LinkedHashMap<>();
        for (Entry e : cache.values()) {
            if (e.record().data() instanceof DnsRecord.Ptr ptr) {
                peerOf(iface, cache, ptr.target())
                        .filter(p -> !p.id().equals(self))
                        .filter(p -> !now.containsKey(p.id())
                                || now.get(p.id()).lastSeen().isBefore(p.lastSeen()))
                        .ifPresent(p -> now.put(p.id(), p));
            }
        }
        Map<PeerId, NearbyPeer> before = peers.getOrDefault(iface, Map.of());
        List<DiscoveryEvent> events = new ArrayList<>();
        for (NearbyPeer p : now.values()) {
            NearbyPeer old = before.get(p.id());
            if (old == null) {
                events.add(new DiscoveryEvent.Appeared(p));
            } else if (!old.sameAnnouncement(p)) {
                events.add(new DiscoveryEvent.Updated(old, p));
            }
        }
        for (NearbyPeer old : before.values()) {
            if (!now.containsKey(old.id())) {
                events.add(new DiscoveryEvent.Gone(old, goneReason));
            }
        }
        if (now.isEmpty()) {
            peers.remove(iface);
        } else {
            peers.put(iface, now);
        }
        return events;
    }

    private static Optional<NearbyPeer> peerOf(String iface, Map<Key, Entry> cache, DnsName instance) {
        Optional<Entry> srv = newest(cache, instance, DnsRecord.Srv.TYPE);
        Optional<Entry> txt = newest(cache, instance, DnsRecord.Txt.TYPE);
        if (srv.isEmpty() || txt.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> pairs =
                ServiceRecords.parseTxt((DnsRecord.Txt) txt.get().record().data());
        Optional<PeerId> id = parseId(pairs.get(ServiceRecords.KEY_ID));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        DnsRecord.Srv target = (DnsRecord.Srv) srv.get().record().data();
        Instant lastSeen = srv.get().receivedAt().isAfter(txt.get().receivedAt())
                ? srv.get().receivedAt()
                : txt.get().receivedAt();
        return Optional.of(new NearbyPeer(
                id.get(),
                instance.first(),
                pairs.getOrDefault(ServiceRecords.KEY_NETWORK, ""),
                parseVersion(pairs.get(ServiceRecords.KEY_VERSION)),
                addresses(iface, cache, target),
                iface,
                lastSeen));
    }

    private static Optional<Entry> newest(Map<Key, Entry> cache, DnsName name, int type) {
        return cache.values().stream()
                .filter(e -> e.record().type() == type && e.record().name().sameAs(name))
                .max(Comparator.comparing(Entry::receivedAt));
    }

    private static List<InetSocketAddress> addresses(String iface, Map<Key, Entry> cache, DnsRecord.Srv srv) {
        List<InetSocketAddress> v4 = new ArrayList<>();
        List<InetSocketAddress> v6 = new ArrayList<>();
        for (Entry e : cache.values()) {
            if (!e.record().name().sameAs(srv.target())) {
                continue;
            }
            switch (e.record().data()) {
                case DnsRecord.A a -> v4.add(new InetSocketAddress(a.address(), srv.port()));
                case DnsRecord.Aaaa a -> v6.add(new InetSocketAddress(scoped(a.address(), iface), srv.port()));
                default -> {}
            }
        }
        Comparator<InetSocketAddress> byText =
                Comparator.comparing(a -> a.getAddress().getHostAddress());
        v4.sort(byText);
        v6.sort(byText);
        v4.addAll(v6);
        return v4;
    }

    /** A link-local IPv6 address is only usable with the scope of the interface it was heard on. */
    private static InetAddress scoped(Inet6Address address, String iface) {
        if (!address.isLinkLocalAddress()) {
            return address;
        }
        try {
            NetworkInterface ni = NetworkInterface.getByName(iface);
            return ni == null ? address : Inet6Address.getByAddress(null, address.getAddress(), ni);
        } catch (SocketException | UnknownHostException e) {
            return address;
        }
    }

    private static Optional<PeerId> parseId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PeerId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A missing or unreadable version reads as 0, which no Peernet release uses. */
    private static int parseVersion(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Identifies a record in a cache: name, type and data (RFC 6762 §10.2 rrset members). */
    private record Key(String name, int type, DnsRecord.Data data) {
        static Key of(DnsRecord r) {
            return new Key(r.name().key(), r.type(), r.data());
        }
    }

    private record Entry(DnsRecord record, Instant receivedAt, Instant expiresAt, boolean requeried) {
        boolean sameRrset(DnsRecord other) {
            return record.type() == other.type() && record.name().sameAs(other.name());
        }

        boolean pastFraction(Instant now, double fraction) {
            long life = Duration.between(receivedAt, expiresAt).toMillis();
            return Duration.between(receivedAt, now).toMillis() >= life * fraction;
        }
    }
}
