package dev.peernet.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One resource record (RFC 1035 §4.1.3) with mDNS's cache-flush bit (RFC 6762 §10.2), the top bit
 * of the class field in responses.
 *
 * @param ttl seconds; 0 is a goodbye (RFC 6762 §10.1)
 */
record DnsRecord(DnsName name, int recordClass, boolean cacheFlush, long ttl, Data data) {
    /** The Internet class. */
    static final int IN = 1;

    DnsRecord {
        if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a TTL is an unsigned 32-bit number of seconds, not " + ttl);
        }
    }

    /** A record of class IN. */
    static DnsRecord in(DnsName name, boolean cacheFlush, long ttl, Data data) {
        return new DnsRecord(name, IN, cacheFlush, ttl, data);
    }

    /** This record with another TTL, e.g. 0 for a goodbye. */
    DnsRecord withTtl(long newTtl) {
        return new DnsRecord(name, recordClass, cacheFlush, newTtl, data);
    }

    /** The record's type code. */
    int type() {
        return data.type();
    }

    /** Record data, one record per type Peernet reads; all others kept as {@link Unknown}. */
    sealed interface Data permits A, Aaaa, Ptr, Srv, Txt, Unknown {
        /** The RR type code (RFC 1035 §3.2.2, RFC 3596, RFC 2782). */
        int type();
    }

    /** An IPv4 address. */
    record A(Inet4Address address) implements Data {
        static final int TYPE = 1;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** An IPv6 address. */
    record Aaaa(Inet6Address address) implements Data {
        static final int TYPE = 28;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** A pointer: in DNS-SD, from a service type to one instance of it (RFC 6763 §4.1). */
    record Ptr(DnsName target) implements Data {
        static final int TYPE = 12;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** Where an instance listens: host name and port (RFC 2782). */
    record Srv(int priority, int weight, int port, DnsName target) implements Data {
        static final int TYPE = 33;

        Srv {
            if ((priority | weight | port) >>> 16 != 0) {
                throw new IllegalArgumentException("SRV priority, weight and port are 16-bit numbers");
            }
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** Character strings, in DNS-SD each {@code key=value} (RFC 6763 §6). */
    record Txt(List<byte[]> strings) implements Data {
        static final int TYPE = 16;

        Txt {
            strings = strings.stream().map(byte[]::clone).toList();
            for (byte[] s : strings) {
                if (s.length > 255) {
                    throw new IllegalArgumentException("a TXT string has at most 255 bytes, not " + s.length);
                }
            }
        }

        @Override
        public List<byte[]> strings() {
            return strings.stream().map(byte[]::clone).toList();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Txt other
                    && strings.size() == other.strings.size()
                    && IntStream.range(0, strings.size())
                            .allMatch(i -> Arrays.equals(strings.get(i), other.strings.get(i)));
        }

        @Override
        public int hashCode() {
            return strings.stream().mapToInt(Arrays::hashCode).sum();
        }

        @Override
        public String toString() {
            return "Txt"
                    + strings.stream()
                            .map(s -> new String(s, StandardCharsets.UTF_8))
                            .toList();
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** Any other type (NSEC, HINFO, ...), its data kept as bytes, names in it not expanded. */
    @SuppressWarnings("ArrayRecordComponent") // copied in and out; equals and hashCode compare contents
    record Unknown(int type, byte[] rdata) implements Data {
        Unknown {
            rdata = rdata.clone();
        }

        @Override
        public byte[] rdata() {
            return rdata.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && type == other.type && Arrays.equals(rdata, other.rdata);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(rdata);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", rdata=" + HexFormat.of().formatHex(rdata) + "]";
        }
    }
}
