package dev.peernet.discovery;

import java.util.List;
import java.util.stream.Stream;

/**
 * A DNS message as mDNS uses it (RFC 1035 §4.1, RFC 6762 §18): a query or a response, its four
 * sections. The ID is 0 in multicast messages and echoed in legacy unicast replies.
 */
record DnsMessage(
        int id,
        int flags,
        List<Question> questions,
        List<DnsRecord> answers,
        List<DnsRecord> authorities,
        List<DnsRecord> additionals) {
    /** QR set, AA set: an authoritative response (RFC 6762 §18.2, §18.4). */
    static final int RESPONSE_FLAGS = 0x8400;

    /** RFC 6762 §18.2: the QR bit. */
    static final int QR = 0x8000;

    /** RFC 6762 §18.3: the opcode must be 0; messages with another opcode are ignored. */
    static final int OPCODE_MASK = 0x7800;

    DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
        if ((id | flags) >>> 16 != 0) {
            throw new IllegalArgumentException("id and flags are 16-bit numbers");
        }
    }

    /** A multicast query for these questions. */
    static DnsMessage query(List<Question> questions) {
        return new DnsMessage(0, 0, questions, List.of(), List.of(), List.of());
    }

    /** An unsolicited or multicast response. */
    static DnsMessage response(List<DnsRecord> answers, List<DnsRecord> additionals) {
        return new DnsMessage(0, RESPONSE_FLAGS, List.of(), answers, List.of(), additionals);
    }

    boolean isResponse() {
        return (flags & QR) != 0;
    }

    /** Answers, authorities and additionals together, as a receiver caches them. */
    List<DnsRecord> allRecords() {
        return Stream.of(answers, authorities, additionals)
                .flatMap(List::stream)
                .toList();
    }

    /**
     * One question, with mDNS's unicast-response bit (RFC 6762 §5.4), the top bit of the class.
     */
    record Question(DnsName name, int type, int questionClass, boolean unicastResponse) {
        /** Type ANY (RFC 1035 §3.2.3). */
        static final int ANY = 255;

        Question {
            if ((type | questionClass) >>> 16 != 0 || questionClass > 0x7FFF) {
                throw new IllegalArgumentException("type and class are 16-bit numbers, class at most 15 bits");
            }
        }

        static Question in(DnsName name, int type) {
            return new Question(name, type, DnsRecord.IN, false);
        }

        /** Whether a record of this name and type answers the question. */
        boolean matches(DnsRecord record) {
            return (type == ANY || type == record.type()) && name.sameAs(record.name());
        }
    }
}
