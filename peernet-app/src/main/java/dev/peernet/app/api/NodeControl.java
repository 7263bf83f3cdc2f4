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

/**
 * What the daemon and its control API need from a running node: the subset of {@link Node} they
 * use, so that they can be tested against a fake node.
 */
public interface NodeControl extends AutoCloseable {
    PeerId id();

    String name();

    List<InetSocketAddress> listenAddresses();

    Instant startedAt();

    List<String> notices();

    List<PeerInfo> peers();

    /** The failure detector's view of the members; see {@link Node#view()}. */
    List<dev.peernet.liveness.Member> view();

    /** Nodes heard on the LAN; see {@link Node#nearby()}. */
    List<dev.peernet.discovery.NearbyPeer> nearby();

    /** Examines the node's setup; see {@link dev.peernet.doctor.Doctor}. */
    dev.peernet.doctor.DoctorReport doctor(Duration timeout);

    PeerInfo connect(InetSocketAddress address, Optional<PeerId> expect) throws IOException;

    PeerId resolve(String ref);

    Duration ping(PeerId peer) throws IOException;

    /** The network this node belongs to; see {@link Node#network()}. */
    NetworkInfo network();

    /** See {@link Node#invite}; an empty {@code addresses} means this node's own. */
    InviteCode invite(Duration ttl, int uses, List<InetSocketAddress> addresses) throws MembershipException;

    /** See {@link Node#join}. */
    NetworkInfo join(InviteCode code) throws IOException, MembershipException;

    /** See {@link Node#remove}; {@code ref} is a member's full ID, ID prefix or name. */
    Member remove(String ref, String reason) throws MembershipException;

    /** A member by full ID, short ID or name; see {@link Node#resolveMember}. */
    PeerId resolveMember(String ref);

    /** The folders this node shares; see {@link Node#shares()}. */
    dev.peernet.share.Shares shares();

    /** Other members' shares; see {@link Node#sharing()}. */
    dev.peernet.node.NetworkShares sharing();

    /** The transfer engine; see {@link Node#transfers()}. */
    dev.peernet.transfer.Transfers transfers();

    /** One-shot sends; see {@link Node#sends()}. */
    dev.peernet.send.Sends sends();

    /** See {@link Node#grantAdmin}. */
    Member grantAdmin(String ref) throws MembershipException;

    @Override
    void close();

    /** The real node behind this interface. */
    static NodeControl of(Node node) {
        return new RealNodeControl(node);
    }
}
