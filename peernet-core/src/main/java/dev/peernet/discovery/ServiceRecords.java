package dev.peernet.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS-SD records of one Peernet node (RFC 6763), and the answers it gives to queries.
 *
 * <pre>
 * _services._dns-sd._udp.local  PTR  _peernet._tcp.local                         (shared)
 * _peernet._tcp.local           PTR  NAME._peernet._tcp.local                    (shared)
 * NAME._peernet._tcp.local      SRV  0 0 PORT pn-HEX16.local                     (unique)
 * NAME._peernet._tcp.local      TXT  "id=PEERID" "net=NETWORK" "v=VERSION"       (unique)
 * pn-HEX16.local                A / AAAA   each address of the sending interface (unique)
 * </pre>
 */
final class ServiceRecords {
    static final DnsName SERVICE_TYPE = DnsName.parse("_peernet._tcp.local");
    static final DnsName SERVICES_META = DnsName.parse("_services._dns-sd._udp.local");

    /** RFC 6762 §6.7: legacy unicast answers carry TTLs of at most 10 s. */
    static final long LEGACY_MAX_TTL = 10;

    static final String KEY_ID = "id";
    static final String KEY_NETWORK = "net";
    static final String KEY_VERSION = "v";

    private ServiceRecords() {}

    static DnsName instanceName(Announcement a) {
        return SERVICE_TYPE.prepend(a.name());
    }

    /** A host name of our own, unique by peer ID, so two nodes' address records never clash. */
    static DnsName hostName(Announcement a) {
        return DnsName.parse("pn-" + a.id().hex().substring(0, 16) + ".local");
    }

    static DnsRecord.Txt txt(Announcement a) {
        return new DnsRecord.Txt(List.of(
                utf8(KEY_ID + "=" + a.id()),
                utf8(KEY_NETWORK + "=" + a.networkId()),
                utf8(KEY_VERSION + "=" + a.protocolVersion())));
    }

    /** RFC 6763 §6.3–6.4: keys are case-insensitive, the first occurrence wins, "key" alone has no value. */
    static Map<String, String> parseTxt(DnsRecord.Txt txt) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (byte[] s : txt.strings()) {
            String entry = new String(s, StandardCharsets.UTF_8);
            int eq = entry.indexOf('=');
            String key = (eq < 0 ? entry : entry.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                pairs.putIfAbsent(key, eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return pairs;
    }

    /** Every record of {@code self} as sent on an interface with {@code addresses}. */
    static List<DnsRecord> all(Announcement self, List<InetAddress> addresses, long ttl) {
        List<DnsRecord> records = new ArrayList<>();
        records.add(metaPtr(ttl));
        records.add(ptr(self, ttl));
        records.add(srv(self, ttl));
        records.add(DnsRecord.in(instanceName(self), true, ttl, txt(self)));
        records.addAll(addressRecords(self, addresses, ttl));
        return records;
    }

    /** An unsolicited announcement: the service's PTR as answer, the rest as answers too (RFC 6762 §8.3). */
    static DnsMessage announcement(Announcement self, List<InetAddress> addresses, long ttl) {
        return DnsMessage.response(all(self, addresses, ttl), List.of());
    }

    /** Goodbyes (RFC 6762 §10.1): all our records with TTL 0. */
    static DnsMessage goodbye(Announcement self, List<InetAddress> addresses) {
        return DnsMessage.response(all(self, addresses, 0), List.of());
    }

    /** A query for every Peernet instance, with what we already know as known answers. */
    static DnsMessage browseQuery() {
        return DnsMessage.query(List.of(DnsMessage.Question.in(SERVICE_TYPE, DnsRecord.Ptr.TYPE)));
    }

    /**
     * The multicast response to {@code query}, if it asks for anything of ours. Known answers
     * (RFC 6762 §7.1) suppress a record the asker holds with at least half our TTL left.
     */
    static Optional<DnsMessage> answer(DnsMessage query, Announcement self, List<InetAddress> addresses, long ttl) {
        List<DnsRecord> ours = all(self, addresses, ttl);
        List<DnsRecord> answers = new ArrayList<>();
        for (DnsMessage.Question q : query.questions()) {
            for (DnsRecord r : ours) {
                if (q.matches(r) && !answers.contains(r) && !knownAnswer(query, r)) {
                    answers.add(r);
                }
            }
        }
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        List<DnsRecord> additionals = new ArrayList<>();
        if (answers.stream()
                .anyMatch(r -> r.data() instanceof DnsRecord.Ptr p && p.target().sameAs(instanceName(self)))) {
            // RFC 6763 §12.1: with a service PTR, give SRV, TXT and addresses as additionals.
            ours.stream()
                    .filter(r -> r.type() != DnsRecord.Ptr.TYPE && !answers.contains(r))
                    .forEach(additionals::add);
        }
        return Optional.of(DnsMessage.response(answers, additionals));
    }

    /**
     * The reply to a legacy unicast query (RFC 6762 §6.7), sent from a port other than 5353: the
     * query's ID and questions echoed, TTLs capped, no cache-flush bits.
     */
    static Optional<DnsMessage> legacyAnswer(
            DnsMessage query, Announcement self, List<InetAddress> addresses, long ttl) {
        long capped = Math.min(ttl, LEGACY_MAX_TTL);
        return answer(query, self, addresses, capped)
                .map(m -> new DnsMessage(
                        query.id(),
                        DnsMessage.RESPONSE_FLAGS,
                        query.questions(),
                        m.answers().stream().map(ServiceRecords::noFlush).toList(),
                        List.of(),
                        m.additionals().stream().map(ServiceRecords::noFlush).toList()));
    }

    private static DnsRecord noFlush(DnsRecord r) {
        return new DnsRecord(r.name(), r.recordClass(), false, r.ttl(), r.data());
    }

    private static boolean knownAnswer(DnsMessage query, DnsRecord ours) {
        return query.answers().stream()
                .anyMatch(
                        k -> k.name().sameAs(ours.name()) && k.data().equals(ours.data()) && k.ttl() * 2 >= ours.ttl());
    }

    private static DnsRecord metaPtr(long ttl) {
        return DnsRecord.in(SERVICES_META, false, ttl, new DnsRecord.Ptr(SERVICE_TYPE));
    }

    private static DnsRecord ptr(Announcement self, long ttl) {
        return DnsRecord.in(SERVICE_TYPE, false, ttl, new DnsRecord.Ptr(instanceName(self)));
    }

    private static DnsRecord srv(Announcement self, long ttl) {
        return DnsRecord.in(instanceName(self), true, ttl, new DnsRecord.Srv(0, 0, self.port(), hostName(self)));
    }

    private static List<DnsRecord> addressRecords(Announcement self, List<InetAddress> addresses, long ttl) {
        List<DnsRecord> records = new ArrayList<>();
        for (InetAddress address : addresses) {
            DnsRecord.Data data = switch (address) {
                case Inet4Address v4 -> new DnsRecord.A(v4);
                case Inet6Address v6 -> new DnsRecord.Aaaa(unscoped(v6));
                default -> throw new IllegalArgumentException("not an IP address: " + address);
            };
            records.add(DnsRecord.in(hostName(self), true, ttl, data));
        }
        return records;
    }

    /** The address without its scope, which has no meaning on the wire. */
    static Inet6Address unscoped(Inet6Address v6) {
        try {
            return Inet6Address.getByAddress(null, v6.getAddress(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are an IPv6 address", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
