package dev.peernet.doctor;

import dev.peernet.doctor.DoctorReport.InterfaceReport;
import dev.peernet.doctor.DoctorReport.PeerCheck;
import dev.peernet.doctor.DoctorReport.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns what the doctor measured into problems with fixes. No I/O: every rule is a plain function. */
final class Diagnosis {
    /**
     * The facts beyond the report's checks.
     *
     * @param notices what the node said at start-up (a taken port, for one)
     * @param unreachableMembers members neither connected, heard on the LAN, nor given as a static peer
     * @param timedOutPeers peers whose connection attempt timed out rather than being refused
     */
    record Facts(
            List<InterfaceReport> interfaces,
            List<PeerCheck> peers,
            List<String> notices,
            List<String> unreachableMembers,
            List<String> timedOutPeers,
            boolean discoveryOn) {}

    private Diagnosis() {}

    static List<Problem> problems(Facts facts) {
        List<Problem> problems = new ArrayList<>();
        addressProblems(facts.interfaces(), problems);
        if (facts.discoveryOn()) {
            for (InterfaceReport i : facts.interfaces()) {
                if (i.discovery() && i.mdnsWorks().equals(Optional.of(false))) {
                    problems.add(new Problem(
                            "mDNS does not work on " + i.name()
                                    + ": this node does not hear its own announcements, so multicast is blocked there"
                                    + " (a firewall, or a Wi-Fi network that isolates clients).",
                            "Allow UDP port 5353 to and from 224.0.0.251 on " + i.name()
                                    + ", or connect peers by address with --peer HOST:PORT."));
                }
            }
        }
        for (String notice : facts.notices()) {
            if (notice.contains("is taken")) {
                problems.add(new Problem(
                        notice + " Another program holds the port.",
                        "Stop the other program (ss -ltnp shows which), or choose a port with --listen 0.0.0.0:PORT"
                                + " and give peers that port."));
            }
        }
        for (String peer : facts.timedOutPeers()) {
            problems.add(
                    new Problem(
                            peer + " did not answer at all: the connection attempt timed out instead of being refused,"
                                    + " which is what a firewall dropping the port looks like.",
                            "Open the peer's TCP port in its firewall (and in any firewall between you), or check the address."));
        }
        for (String member : facts.unreachableMembers()) {
            problems.add(new Problem(
                    "Member " + member + " is not connected, not heard on this LAN and not a static peer:"
                            + " it is probably on another subnet, which discovery does not reach.",
                    "Start one of the two nodes with --peer HOST:PORT naming the other (or a member on its subnet)."));
        }
        return problems;
    }

    private static void addressProblems(List<InterfaceReport> interfaces, List<Problem> problems) {
        List<InterfaceReport> usable =
                interfaces.stream().filter(i -> i.up() && !i.loopback()).toList();
        List<String> ipv4 = usable.stream()
                .flatMap(i -> i.addresses().stream())
                .filter(a -> a.indexOf(':') < 0)
                .toList();
        if (ipv4.isEmpty()) {
            problems.add(new Problem(
                    "No network interface has an IPv4 address, so no other computer can reach this node"
                            + " and discovery has nothing to announce.",
                    "Connect a cable or join a Wi-Fi network, and check that DHCP gave an address (ip addr)."));
            return;
        }
        if (ipv4.stream().allMatch(a -> a.startsWith("169.254."))) {
            problems.add(
                    new Problem(
                            "The only IPv4 addresses are link-local (169.254.x.x): no DHCP server answered, so this node"
                                    + " reaches only computers on the same cable or switch that did the same.",
                            "Check the router or DHCP server, or set an address by hand (ip addr add 192.168.1.x/24 dev IFACE)."));
        }
    }
}
