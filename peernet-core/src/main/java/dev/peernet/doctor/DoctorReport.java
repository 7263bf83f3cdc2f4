package dev.peernet.doctor;

import java.util.List;
import java.util.Optional;

/**
 * What {@code peernet doctor} found: the interfaces with their subnets, whether the node can be
 * reached where it listens, whether its peers can be reached, and the problems, each with a fix.
 */
public record DoctorReport(
        List<InterfaceReport> interfaces, List<ListenCheck> listening, List<PeerCheck> peers, List<Problem> problems) {

    public DoctorReport {
        interfaces = List.copyOf(interfaces);
        listening = List.copyOf(listening);
        peers = List.copyOf(peers);
        problems = List.copyOf(problems);
    }

    /**
     * One network interface.
     *
     * @param addresses each as {@code address/prefix-length}, the prefix length being the subnet mask
     * @param discovery whether LAN discovery uses it
     * @param mdnsWorks whether the node heard its own mDNS announcement there; empty when discovery
     *     does not use it
     */
    public record InterfaceReport(
            String name,
            boolean up,
            boolean loopback,
            List<String> addresses,
            boolean discovery,
            Optional<Boolean> mdnsWorks) {
        public InterfaceReport {
            addresses = List.copyOf(addresses);
        }
    }

    /** Whether a TCP connection to the node's own listen address succeeds. */
    public record ListenCheck(String address, boolean reachable, String detail) {}

    /**
     * Whether a static or connected peer answers, and how fast.
     *
     * @param peer the peer's name or its address
     * @param rttMs the round trip of a ping, when it answered
     */
    public record PeerCheck(String peer, String address, boolean reachable, Optional<Double> rttMs, String detail) {}

    /** A problem in plain words, and what to do about it. */
    public record Problem(String what, String fix) {}
}
