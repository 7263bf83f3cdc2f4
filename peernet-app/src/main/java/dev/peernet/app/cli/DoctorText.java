package dev.peernet.app.cli;

import dev.peernet.app.api.DoctorResponse;
import java.util.Locale;

/** {@code peernet doctor} as text: interfaces, listening, peers, then problems with their fixes. */
final class DoctorText {
    private DoctorText() {}

    static String format(DoctorResponse report) {
        var out = new StringBuilder("Interfaces\n");
        for (var i : report.interfaces()) {
            String use = i.loopback()
                    ? "loopback"
                    : !i.up()
                            ? "down"
                            : !i.discovery()
                                    ? "discovery: not used"
                                    : Boolean.TRUE.equals(i.mdnsWorks())
                                            ? "discovery: mDNS works"
                                            : "discovery: mDNS not heard";
            String addresses = i.addresses().isEmpty() ? "(no address)" : String.join(", ", i.addresses());
            out.append(String.format(Locale.ROOT, "  %-10s %-40s %s%n", i.name(), addresses, use));
        }
        out.append("Listening\n");
        for (var l : report.listening()) {
            out.append(
                    String.format(Locale.ROOT, "  %-28s %s%n", l.address(), l.reachable() ? "reachable" : l.detail()));
        }
        out.append("Peers\n");
        if (report.peers().isEmpty()) {
            out.append("  (none connected or configured)\n");
        }
        for (var p : report.peers()) {
            String rtt = p.rttMs() == null ? "" : "  " + PeersTable.rtt(p.rttMs());
            out.append(String.format(Locale.ROOT, "  %-16s %-24s %s%s%n", p.peer(), p.address(), p.detail(), rtt));
        }
        if (report.problems().isEmpty()) {
            return out.append("No problems found.\n").toString();
        }
        out.append("Problems\n");
        int n = 1;
        for (var p : report.problems()) {
            out.append("  ").append(n++).append(". ").append(p.what()).append('\n');
            out.append("     Fix: ").append(p.fix()).append('\n');
        }
        return out.toString();
    }
}
