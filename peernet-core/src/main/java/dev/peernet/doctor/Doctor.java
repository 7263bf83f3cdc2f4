package dev.peernet.doctor;

import dev.peernet.discovery.InterfaceStatus;
import dev.peernet.discovery.NearbyPeer;
import dev.peernet.doctor.DoctorReport.InterfaceReport;
import dev.peernet.doctor.DoctorReport.ListenCheck;
import dev.peernet.doctor.DoctorReport.PeerCheck;
import dev.peernet.identity.PeerId;
import dev.peernet.node.HostPort;
import dev.peernet.node.Node;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code peernet doctor}: the article's addresses and subnet masks, made practical. Examines a
 * running node: its interfaces and subnets, whether it can be reached where it listens, whether mDNS
 * works, whether its static and connected peers answer; then names the typical problems with a fix.
 */
public final class Doctor {
    private Doctor() {}

    /** Examines {@code node}; each network check gives up after {@code timeout}. */
    public static DoctorReport examine(Node node, Duration timeout) {
        List<InterfaceReport> interfaces = interfaces(node.discoveryInterfaces());
        List<ListenCheck> listening = node.listenAddresses().stream()
                .map(a -> listenCheck(a, timeout))
                .toList();
        List<PeerCheck> peers = new ArrayList<>();
        List<String> timedOut = new ArrayList<>();
        Set<PeerId> checked = new HashSet<>();
        for (PeerInfo p : node.peers()) {
            checked.add(p.id());
            peers.add(ping(node, p));
        }
        for (HostPort staticPeer : node.config().peers()) {
            if (node.peers().stream()
                    .anyMatch(p -> p.remoteAddress().equals(staticPeer.toString())
                            || p.listenAddresses().contains(staticPeer.toString()))) {
                continue;
            }
            PeerCheck check = dial(node, staticPeer, timeout);
            peers.add(check);
            if (check.detail().startsWith("timed out")) {
                timedOut.add(staticPeer.toString());
            }
        }
        Set<PeerId> nearby = node.nearby().stream().map(NearbyPeer::id).collect(Collectors.toSet());
        List<String> unreachable = node.config().peers().isEmpty()
                ? node.network().members().stream()
                        .filter(m -> !m.id().equals(node.id()))
                        .filter(m -> !checked.contains(m.id()) && !nearby.contains(m.id()))
                        .map(m -> m.name() + " (" + m.id().shortForm() + ")")
                        .toList()
                : List.of();
        var facts = new Diagnosis.Facts(
                interfaces,
                peers,
                node.notices(),
                unreachable,
                timedOut,
                node.config().discovery());
        return new DoctorReport(interfaces, listening, peers, Diagnosis.problems(facts));
    }

    private static List<InterfaceReport> interfaces(List<InterfaceStatus> discovery) {
        Map<String, InterfaceStatus> byName =
                discovery.stream().collect(Collectors.toMap(InterfaceStatus::name, Function.identity(), (a, b) -> a));
        List<InterfaceReport> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                InterfaceStatus status = byName.get(nif.getName());
                boolean used = status != null && status.usedByDiscovery();
                out.add(new InterfaceReport(
                        nif.getName(),
                        nif.isUp(),
                        nif.isLoopback(),
                        nif.getInterfaceAddresses().stream()
                                .map(Doctor::withPrefix)
                                .toList(),
                        used,
                        used ? Optional.of(status.selfHeard()) : Optional.empty()));
            }
        } catch (SocketException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparing(InterfaceReport::name));
        return out;
    }

    private static String withPrefix(InterfaceAddress a) {
        String host = a.getAddress().getHostAddress();
        int scope = host.indexOf('%');
        return (scope < 0 ? host : host.substring(0, scope)) + "/" + a.getNetworkPrefixLength();
    }

    private static ListenCheck listenCheck(InetSocketAddress address, Duration timeout) {
        String where = HostPort.format(address);
        try (Socket s = new Socket()) {
            s.connect(address, (int) timeout.toMillis());
            return new ListenCheck(where, true, "accepts connections");
        } catch (IOException e) {
            return new ListenCheck(where, false, "does not accept connections: " + e.getMessage());
        }
    }

    private static PeerCheck ping(Node node, PeerInfo p) {
        try {
            Duration rtt = node.ping(p.id());
            return new PeerCheck(p.name(), p.remoteAddress(), true, Optional.of(rtt.toNanos() / 1e6), "connected");
        } catch (IOException e) {
            return new PeerCheck(
                    p.name(),
                    p.remoteAddress(),
                    true,
                    Optional.empty(),
                    "connected, but ping failed: " + e.getMessage());
        }
    }

    private static PeerCheck dial(Node node, HostPort peer, Duration timeout) {
        InetSocketAddress address = peer.toSocketAddress();
        if (address.isUnresolved()) {
            return new PeerCheck(
                    peer.toString(), peer.toString(), false, Optional.empty(), "the host name does not resolve");
        }
        try (Socket s = new Socket()) {
            s.connect(address, (int) timeout.toMillis());
        } catch (SocketTimeoutException e) {
            return new PeerCheck(
                    peer.toString(),
                    peer.toString(),
                    false,
                    Optional.empty(),
                    "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new PeerCheck(
                    peer.toString(),
                    peer.toString(),
                    false,
                    Optional.empty(),
                    "refused or unreachable: " + e.getMessage());
        }
        try {
            PeerInfo reached = node.connect(address, Optional.empty());
            Duration rtt = node.ping(reached.id());
            return new PeerCheck(reached.name(), peer.toString(), true, Optional.of(rtt.toNanos() / 1e6), "answered");
        } catch (IOException e) {
            return new PeerCheck(
                    peer.toString(),
                    peer.toString(),
                    false,
                    Optional.empty(),
                    "TCP works but Peernet does not: " + e.getMessage());
        }
    }
}
