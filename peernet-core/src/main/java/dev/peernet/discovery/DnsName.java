package dev.peernet.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DNS name as its labels, so an instance label may hold dots and spaces ("Alice's laptop.2").
 * Comparison in DNS is case-insensitive for ASCII (RFC 1035 §2.3.3, RFC 6762 §16): use {@link #key()}.
 */
record DnsName(List<String> labels) {
    /** RFC 1035 §2.3.4: a label holds at most 63 bytes. */
    static final int MAX_LABEL_BYTES = 63;

    /** RFC 1035 §2.3.4: a name holds at most 255 bytes in wire form. */
    static final int MAX_NAME_BYTES = 255;

    DnsName {
        labels = List.copyOf(labels);
        int total = 1;
        for (String label : labels) {
            int bytes = label.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_LABEL_BYTES) {
                throw new IllegalArgumentException("a DNS label has 1 to 63 bytes, not " + bytes + ": '" + label + "'");
            }
            total += bytes + 1;
        }
        if (total > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a DNS name has at most 255 bytes, not " + total);
        }
    }

    /** A name from dotted text whose labels hold no dots, e.g. {@code _peernet._tcp.local}. */
    static DnsName parse(String dotted) {
        String s = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
        return s.isEmpty() ? new DnsName(List.of()) : new DnsName(List.of(s.split("\\.", -1)));
    }

    /** This name with {@code label} in front. */
    DnsName prepend(String label) {
        List<String> longer = new ArrayList<>(labels.size() + 1);
        longer.add(label);
        longer.addAll(labels);
        return new DnsName(longer);
    }

    /** This name without its first label; the root stays the root. */
    DnsName parent() {
        return labels.isEmpty() ? this : new DnsName(labels.subList(1, labels.size()));
    }

    /** The first label, or "" for the root. */
    String first() {
        return labels.isEmpty() ? "" : labels.getFirst();
    }

    /** A case-folded form for comparing names as DNS does (ASCII letters only). */
    String key() {
        StringBuilder out = new StringBuilder();
        for (String label : labels) {
            out.append(label.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace(".", "\\."))
                    .append('.');
        }
        return out.toString();
    }

    /** Whether the two names are equal in DNS terms. */
    boolean sameAs(DnsName other) {
        return key().equals(other.key());
    }

    @Override
    public String toString() {
        return labels.isEmpty() ? "." : String.join(".", labels);
    }
}
