package dev.peernet.discovery;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes DNS messages (RFC 1035 §4) with name compression. Decoding never trusts a
 * length or a count: each is checked against the bytes left, and a compression pointer must point
 * strictly before the name that holds it, so pointer loops are refused rather than followed.
 */
final class DnsCodec {
    /** RFC 6762 §17: a message is at most 9000 bytes; we refuse to read larger ones. */
    static final int MAX_MESSAGE_BYTES = 9000;

    private static final int CLASS_MASK = 0x7FFF;
    private static final int TOP_BIT = 0x8000;

    private DnsCodec() {}

    /** The wire form of {@code message}, names compressed. */
    static byte[] encode(DnsMessage message) {
        Writer w = new Writer();
        w.u16(message.id());
        w.u16(message.flags());
        w.u16(message.questions().size());
        w.u16(message.answers().size());
        w.u16(message.authorities().size());
        w.u16(message.additionals().size());
        for (DnsMessage.Question q : message.questions()) {
            w.name(q.name());
            w.u16(q.type());
            w.u16(q.questionClass() | (q.unicastResponse() ? TOP_BIT : 0));
        }
        for (DnsRecord r : message.allRecords()) {
            w.record(r);
        }
        return w.out.toByteArray();
    }

    /**
     * Reads one message.
     *
     * @throws DnsFormatException saying what is wrong and where
     */
    static DnsMessage decode(byte[] bytes, int length) throws DnsFormatException {
        if (length > MAX_MESSAGE_BYTES || length > bytes.length) {
            throw new DnsFormatException("message of " + length + " bytes is too long");
        }
        Reader r = new Reader(ByteBuffer.wrap(bytes, 0, length).slice());
        int id = r.u16("header");
        int flags = r.u16("header");
        int qd = r.u16("header");
        int an = r.u16("header");
        int ns = r.u16("header");
        int ar = r.u16("header");
        List<DnsMessage.Question> questions = new ArrayList<>();
        for (int i = 0; i < qd; i++) {
            questions.add(r.question());
        }
        List<DnsRecord> answers = r.records(an, "answer");
        List<DnsRecord> authorities = r.records(ns, "authority");
        List<DnsRecord> additionals = r.records(ar, "additional");
        return new DnsMessage(id, flags, questions, answers, authorities, additionals);
    }

    static DnsMessage decode(byte[] bytes) throws DnsFormatException {
        return decode(bytes, bytes.length);
    }

    /** Writes a message, remembering where each name suffix was written for compression. */
    private static final class Writer {
        final Bytes out = new Bytes();
        final Map<String, Integer> suffixes = new HashMap<>();

        void u16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        void u32(long v) {
            u16((int) (v >>> 16) & 0xFFFF);
            u16((int) v & 0xFFFF);
        }

        void name(DnsName name) {
            DnsName rest = name;
            while (!rest.labels().isEmpty()) {
                Integer at = suffixes.get(rest.key());
                if (at != null) {
                    u16(0xC000 | at);
                    return;
                }
                if (out.size() < 0x3FFF) {
                    suffixes.put(rest.key(), out.size());
                }
                byte[] label = rest.first().getBytes(StandardCharsets.UTF_8);
                out.write(label.length);
                out.writeBytes(label);
                rest = rest.parent();
            }
            out.write(0);
        }

        void record(DnsRecord r) {
            name(r.name());
            u16(r.type());
            u16(r.recordClass() | (r.cacheFlush() ? TOP_BIT : 0));
            u32(r.ttl());
            int lengthAt = out.size();
            u16(0);
            data(r.data());
            int rdlength = out.size() - lengthAt - 2;
            out.set(lengthAt, rdlength >>> 8);
            out.set(lengthAt + 1, rdlength);
        }

        void data(DnsRecord.Data data) {
            switch (data) {
                case DnsRecord.A a -> out.writeBytes(a.address().getAddress());
                case DnsRecord.Aaaa a -> out.writeBytes(a.address().getAddress());
                case DnsRecord.Ptr p -> name(p.target());
                case DnsRecord.Srv s -> {
                    u16(s.priority());
                    u16(s.weight());
                    u16(s.port());
                    name(s.target()); // RFC 6762 §18.14 allows compressing the SRV target
                }
                case DnsRecord.Txt t -> {
                    if (t.strings().isEmpty()) {
                        out.write(0); // RFC 6763 §6.1: an empty TXT record holds one empty string
                    }
                    for (byte[] s : t.strings()) {
                        out.write(s.length);
                        out.writeBytes(s);
                    }
                }
                case DnsRecord.Unknown u -> out.writeBytes(u.rdata());
            }
        }
    }

    /** An output stream whose written bytes can be patched, for RDLENGTH. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(512);
        }

        void set(int at, int value) {
            buf[at] = (byte) value;
        }
    }

    /** Reads from a buffer holding exactly one message; position 0 is the message's first byte. */
    private static final class Reader {
        final ByteBuffer in;

        Reader(ByteBuffer in) {
            this.in = in;
        }

        void need(int n, String what) throws DnsFormatException {
            if (in.remaining() < n) {
                throw new DnsFormatException(
                        "truncated " + what + " at byte " + in.position() + ": needs " + n + ", has " + in.remaining());
            }
        }

        int u8(String what) throws DnsFormatException {
            need(1, what);
            return in.get() & 0xFF;
        }

        int u16(String what) throws DnsFormatException {
            need(2, what);
            return in.getShort() & 0xFFFF;
        }

        long u32(String what) throws DnsFormatException {
            need(4, what);
            return in.getInt() & 0xFFFF_FFFFL;
        }

        byte[] bytes(int n, String what) throws DnsFormatException {
            need(n, what);
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        DnsMessage.Question question() throws DnsFormatException {
            DnsName name = name();
            int type = u16("question");
            int cls = u16("question");
            return new DnsMessage.Question(name, type, cls & CLASS_MASK, (cls & TOP_BIT) != 0);
        }

        List<DnsRecord> records(int count, String section) throws DnsFormatException {
            // Each record takes at least 11 bytes, so a count the message cannot hold fails early.
            if ((long) count * 11 > in.remaining()) {
                throw new DnsFormatException(
                        count + " " + section + " records cannot fit in the " + in.remaining() + " bytes left");
            }
            List<DnsRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(record());
            }
            return records;
        }

        DnsRecord record() throws DnsFormatException {
            DnsName name = name();
            int type = u16("record");
            int cls = u16("record");
            long ttl = u32("record");
            int rdlength = u16("record");
            need(rdlength, "record data");
            int end = in.position() + rdlength;
            DnsRecord.Data data = data(type, rdlength, end);
            if (in.position() != end) {
                throw new DnsFormatException("record data of type " + type + " is " + rdlength + " bytes but reads as "
                        + (rdlength - (end - in.position())));
            }
            return new DnsRecord(name, cls & CLASS_MASK, (cls & TOP_BIT) != 0, ttl, data);
        }

        DnsRecord.Data data(int type, int rdlength, int end) throws DnsFormatException {
            return switch (type) {
                case DnsRecord.A.TYPE -> new DnsRecord.A((Inet4Address) address(rdlength, 4));
                case DnsRecord.Aaaa.TYPE -> new DnsRecord.Aaaa((Inet6Address) address(rdlength, 16));
                case DnsRecord.Ptr.TYPE -> new DnsRecord.Ptr(name());
                case DnsRecord.Srv.TYPE -> new DnsRecord.Srv(u16("SRV"), u16("SRV"), u16("SRV"), name());
                case DnsRecord.Txt.TYPE -> txt(end);
                default -> new DnsRecord.Unknown(type, bytes(rdlength, "record data"));
            };
        }

        InetAddress address(int rdlength, int size) throws DnsFormatException {
            if (rdlength != size) {
                throw new DnsFormatException("an address record has " + size + " bytes, not " + rdlength);
            }
            try {
                return InetAddress.getByAddress(bytes(size, "address"));
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes are always an address", e);
            }
        }

        DnsRecord.Txt txt(int end) throws DnsFormatException {
            List<byte[]> strings = new ArrayList<>();
            while (in.position() < end) {
                int n = u8("TXT");
                if (in.position() + n > end) {
                    throw new DnsFormatException("a TXT string of " + n + " bytes overruns its record");
                }
                if (n > 0) {
                    strings.add(bytes(n, "TXT"));
                }
            }
            return new DnsRecord.Txt(strings);
        }

        static DnsName named(List<String> labels) throws DnsFormatException {
            try {
                return new DnsName(labels);
            } catch (IllegalArgumentException e) { // a label not valid UTF-8 may grow when decoded
                throw new DnsFormatException("bad name: " + e.getMessage());
            }
        }

        /**
         * Reads a possibly compressed name. A pointer must point before the start of the labels it
         * ends, so each jump goes strictly backwards and a loop is impossible.
         */
        DnsName name() throws DnsFormatException {
            List<String> labels = new ArrayList<>();
            int wireBytes = 1;
            int pos = in.position();
            int resumeAt = -1;
            int limit = pos; // a pointer must point below this
            while (true) {
                if (pos >= in.limit()) {
                    throw new DnsFormatException("truncated name at byte " + pos);
                }
                int len = in.get(pos) & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    if (pos + 1 >= in.limit()) {
                        throw new DnsFormatException("truncated compression pointer at byte " + pos);
                    }
                    int target = ((len & 0x3F) << 8) | (in.get(pos + 1) & 0xFF);
                    if (target >= limit) {
                        throw new DnsFormatException(
                                "compression pointer at byte " + pos + " to " + target + " does not point backwards");
                    }
                    if (resumeAt < 0) {
                        resumeAt = pos + 2;
                    }
                    pos = target;
                    limit = target;
                } else if ((len & 0xC0) != 0) {
                    throw new DnsFormatException("label type 0x" + Integer.toHexString(len) + " at byte " + pos);
                } else if (len == 0) {
                    in.position(resumeAt >= 0 ? resumeAt : pos + 1);
                    return named(labels);
                } else {
                    if (pos + 1 + len > in.limit()) {
                        throw new DnsFormatException("truncated label at byte " + pos);
                    }
                    wireBytes += len + 1;
                    if (wireBytes > DnsName.MAX_NAME_BYTES) {
                        throw new DnsFormatException("name longer than 255 bytes at byte " + pos);
                    }
                    byte[] label = new byte[len];
                    in.get(pos + 1, label);
                    labels.add(new String(label, StandardCharsets.UTF_8));
                    pos += 1 + len;
                }
            }
        }
    }
}
