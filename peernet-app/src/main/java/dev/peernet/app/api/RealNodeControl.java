package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Member;
import dev.peernet.membership.MembershipException;
import dev.peernet.node.Node;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link NodeControl} of a real {@link Node}: every call is delegated. */
final class RealNodeControl implements NodeControl {
    private final Node node;

    RealNodeControl(Node node) {
        this.node = node;
    }

    @Override
    public PeerId id() {
        return node.id();
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public List<InetSocketAddress> listenAddresses() {
        return node.listenAddresses();
    }

    @Override
    public Instant startedAt() {
        return node.startedAt();
    }

    @Override
    public List<String> notices() {
        return node.notices();
    }

    @Override
    public List<PeerInfo> peers() {
        return node.peers();
    }

    @Override
    public List<dev.peernet.liveness.Member> view() {
        return node.view();
    }

    @Override
    public List<dev.peernet.discovery.NearbyPeer> nearby() {
        return node.nearby();
    }

    @Override
    public dev.peernet.doctor.DoctorReport doctor(Duration timeout) {
        return dev.peernet.doctor.Doctor.examine(node, timeout);
    }

    @Override
    public PeerInfo connect(InetSocketAddress address, Optional<PeerId> expect) throws IOException {
        return node.connect(address, expect);
    }

    @Override
    public PeerId resolve(String ref) {
        return node.resolve(ref);
    }

    @Override
    public Duration ping(PeerId peer) throws IOException {
        return node.ping(peer);
    }

    @Override
    public NetworkInfo network() {
        return NetworkInfo.of(node.network());
    }

    @Override
    public InviteCode invite(Duration ttl, int uses, List<InetSocketAddress> addresses) throws MembershipException {
        return node.invite(ttl, uses, addresses);
    }

    @Override
    public NetworkInfo join(InviteCode code) throws IOException, MembershipException {
        return NetworkInfo.of(node.join(code));
    }

    @Override
    public Member remove(String ref, String reason) throws MembershipException {
        return node.remove(ref, reason);
    }

    @Override
    public Member grantAdmin(String ref) throws MembershipException {
        return node.grantAdmin(ref);
    }

    @Override
    public PeerId resolveMember(String ref) {
        return node.resolveMember(ref);
    }

    @Override
    public dev.peernet.share.Shares shares() {
        return node.shares();
    }

    @Override
    public dev.peernet.node.NetworkShares sharing() {
        return node.sharing();
    }

    @Override
    public dev.peernet.transfer.Transfers transfers() {
        return node.transfers();
    }

    @Override
    public dev.peernet.send.Sends sends() {
        return node.sends();
    }

    @Override
    public void close() {
        node.close();
    }
}
