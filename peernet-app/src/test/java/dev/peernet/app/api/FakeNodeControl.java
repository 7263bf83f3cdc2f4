package dev.peernet.app.api;

import dev.peernet.identity.Base32;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Member;
import dev.peernet.membership.MembershipException;
import dev.peernet.membership.NetworkId;
import dev.peernet.membership.Role;
import dev.peernet.node.HostPort;
import dev.peernet.node.PeerInfo;
import dev.peernet.node.PeerMismatchException;
import dev.peernet.session.Direction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node in memory: peers "listen" at addresses registered with {@link #reachable}; connecting to
 * one adds it to {@link #peers()}, pinging it answers with its registered round-trip time. It
 * founds a network of its own; {@link #withMember} adds members, {@link #inviting} and
 * {@link #refusing} script what joining with a code does.
 */
public final class FakeNodeControl implements NodeControl {
    public static final Instant STARTED = Instant.parse("2025-01-02T03:04:05Z");

    private final PeerId id;
    private final String name;
    private final List<PeerInfo> peers = new CopyOnWriteArrayList<>();
    private final Map<String, PeerInfo> reachable = new ConcurrentHashMap<>();
    private final Map<PeerId, Duration> rtts = new ConcurrentHashMap<>();
    private final Map<String, Integer> usesLeft = new ConcurrentHashMap<>();
    private final Map<String, NetworkInfo> joinable = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger invitesIssued = new AtomicInteger();
    private volatile NetworkInfo network;
    private volatile boolean closed;
    private dev.peernet.share.Shares shares;

    public FakeNodeControl(String name, long seed) {
        this.id = peerId(seed);
        this.name = name;
        this.network = new NetworkInfo(
                networkId(seed), name + "'s network", List.of(member(id, name, Role.ADMIN, Optional.empty())));
    }

    /** A well-formed peer ID derived from {@code seed}. */
    public static PeerId peerId(long seed) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return PeerId.ofKeyBytes(key);
    }

    /** A peer as the fake reports it, connected at {@link #STARTED}. */
    public static PeerInfo peer(PeerId id, String name, String address, Optional<Duration> rtt) {
        return new PeerInfo(id, name, address, Direction.OUTBOUND, rtt, STARTED, List.of(address), 1);
    }

    /** Makes {@code peer} answer dials to {@code address} and pings in {@code rtt}. */
    public FakeNodeControl reachable(String address, PeerInfo peer, Duration rtt) {
        reachable.put(address, peer);
        rtts.put(peer.id(), rtt);
        return this;
    }

    /** A well-formed network ID derived from {@code seed}. */
    public static NetworkId networkId(long seed) {
        byte[] bytes = new byte[NetworkId.BYTES];
        new Random(seed).nextBytes(bytes);
        return NetworkId.of(bytes);
    }

    /** A member as the fake reports it, admitted at {@link #STARTED}. */
    public static Member member(PeerId id, String name, Role role, Optional<PeerId> admittedBy) {
        return new Member(id, name, role, admittedBy, STARTED);
    }

    /**
     * A well-formed invite code for {@code address}, distinct for each {@code serial}: what a
     * real node prints, so that the CLI parses it.
     */
    public static InviteCode inviteCode(InetSocketAddress address, int serial) {
        ByteBuffer bytes = ByteBuffer.allocate(1 + 8 + 1 + 4 + 2);
        bytes.put((byte) 1)
                .putLong(serial)
                .put((byte) 4)
                .put(address.getAddress().getAddress());
        bytes.putShort((short) address.getPort());
        String data = Base32.encode(bytes.array());
        return InviteCode.parse(data + Base32.luhnCheck(data));
    }

    /** Adds {@code member} to this node's network, admitted by this node. */
    public FakeNodeControl withMember(PeerId member, String memberName, Role role) {
        List<Member> members = new ArrayList<>(network.members());
        members.add(member(member, memberName, role, Optional.of(id)));
        network = new NetworkInfo(network.id(), network.name(), members);
        return this;
    }

    /** Makes this node a plain member of {@code founder}'s network instead of the founder of its own. */
    public FakeNodeControl memberOf(PeerId founder, String founderName) {
        network = new NetworkInfo(
                networkId(founder.hashCode()),
                founderName + "'s network",
                List.of(
                        member(founder, founderName, Role.ADMIN, Optional.empty()),
                        member(id, name, Role.MEMBER, Optional.of(founder))));
        return this;
    }

    /** Takes this node out of its network's members, as a revocation by an admin would. */
    public FakeNodeControl removedByItsNetwork() {
        network = new NetworkInfo(
                network.id(),
                network.name(),
                network.members().stream().filter(m -> !m.id().equals(id)).toList());
        return this;
    }

    /** Makes joining with {@code code} bring this node into {@code into}. */
    public FakeNodeControl inviting(InviteCode code, NetworkInfo into) {
        joinable.put(code.toString(), into);
        return this;
    }

    /** Makes joining with {@code code} fail with the inviter's {@code sentence}. */
    public FakeNodeControl refusing(InviteCode code, String sentence) {
        refusals.put(code.toString(), sentence);
        return this;
    }

    /** Marks {@code peer} connected without a dial. */
    public FakeNodeControl connected(PeerInfo peer) {
        peers.add(peer);
        return this;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public PeerId id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<InetSocketAddress> listenAddresses() {
        return List.of(new InetSocketAddress("127.0.0.1", 7707));
    }

    @Override
    public Instant startedAt() {
        return STARTED;
    }

    @Override
    public List<String> notices() {
        return List.of();
    }

    private final List<dev.peernet.liveness.Member> view = new CopyOnWriteArrayList<>();
    private final List<dev.peernet.discovery.NearbyPeer> nearby = new CopyOnWriteArrayList<>();

    /** Puts {@code member} in the failure detector's view this fake reports. */
    public FakeNodeControl seeing(dev.peernet.liveness.Member member) {
        view.add(member);
        return this;
    }

    /** Makes this fake hear {@code peer} on the LAN. */
    public FakeNodeControl hearing(dev.peernet.discovery.NearbyPeer peer) {
        nearby.add(peer);
        return this;
    }

    private volatile dev.peernet.doctor.DoctorReport diagnosis =
            new dev.peernet.doctor.DoctorReport(List.of(), List.of(), List.of(), List.of());

    /** What {@link #doctor} reports. */
    public FakeNodeControl diagnosing(dev.peernet.doctor.DoctorReport report) {
        diagnosis = report;
        return this;
    }

    @Override
    public dev.peernet.doctor.DoctorReport doctor(Duration timeout) {
        return diagnosis;
    }

    @Override
    public List<dev.peernet.liveness.Member> view() {
        return List.copyOf(view);
    }

    @Override
    public List<dev.peernet.discovery.NearbyPeer> nearby() {
        return List.copyOf(nearby);
    }

    @Override
    public List<PeerInfo> peers() {
        return List.copyOf(peers);
    }

    @Override
    public PeerInfo connect(InetSocketAddress address, Optional<PeerId> expect) throws IOException {
        String text = HostPort.format(address);
        PeerInfo peer = reachable.get(text);
        if (peer == null) {
            throw new java.net.ConnectException("Connection refused");
        }
        if (expect.isPresent() && !expect.get().equals(peer.id())) {
            throw new PeerMismatchException(text, expect.get(), peer.id());
        }
        if (peers.stream().noneMatch(p -> p.id().equals(peer.id()))) {
            peers.add(peer);
        }
        return peer;
    }

    @Override
    public PeerId resolve(String ref) {
        return peers.stream()
                .filter(p -> p.id().hasPrefix(ref) || p.name().equals(ref))
                .map(PeerInfo::id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no connected peer matches '" + ref + "'"));
    }

    @Override
    public Duration ping(PeerId peer) throws IOException {
        Duration rtt = rtts.get(peer);
        if (rtt == null) {
            throw new IOException("the ping timed out");
        }
        return rtt;
    }

    @Override
    public NetworkInfo network() {
        return network;
    }

    @Override
    public InviteCode invite(Duration ttl, int uses, List<InetSocketAddress> addresses) throws MembershipException {
        if (!isMember(id)) {
            throw new MembershipException("This node was removed from its network, so it cannot invite.");
        }
        List<InetSocketAddress> where = addresses.isEmpty() ? listenAddresses() : addresses;
        InviteCode code = inviteCode(where.getFirst(), invitesIssued.incrementAndGet());
        usesLeft.put(code.toString(), uses);
        return code;
    }

    /** How many more nodes may join with {@code code}, which this node issued. */
    public int usesLeft(InviteCode code) {
        return usesLeft.getOrDefault(code.toString(), 0);
    }

    @Override
    public NetworkInfo join(InviteCode code) throws IOException, MembershipException {
        String refusal = refusals.get(code.toString());
        if (refusal != null) {
            throw new MembershipException(refusal);
        }
        NetworkInfo into = joinable.get(code.toString());
        if (into == null) {
            throw new IOException("Could not reach the inviter at "
                    + HostPort.format(code.addresses().getFirst()) + ": Connection refused");
        }
        List<Member> members = new ArrayList<>(into.members());
        members.add(member(
                id, name, Role.MEMBER, Optional.of(into.members().getFirst().id())));
        network = new NetworkInfo(into.id(), into.name(), members);
        return network;
    }

    @Override
    public Member remove(String ref, String reason) throws MembershipException {
        Member member = changeable(ref, "remove");
        if (member.id().equals(id)) {
            throw new MembershipException("A node cannot remove itself.");
        }
        network = new NetworkInfo(
                network.id(),
                network.name(),
                network.members().stream().filter(m -> !m.equals(member)).toList());
        return member;
    }

    @Override
    public Member grantAdmin(String ref) throws MembershipException {
        Member member = changeable(ref, "grant a role to");
        Member admin = new Member(member.id(), member.name(), Role.ADMIN, member.admittedBy(), member.since());
        network = new NetworkInfo(
                network.id(),
                network.name(),
                network.members().stream()
                        .map(m -> m.equals(member) ? admin : m)
                        .toList());
        return admin;
    }

    /** The member {@code ref} names, if this node is an admin; the core's sentences otherwise. */
    private Member changeable(String ref, String verb) throws MembershipException {
        if (network.members().stream().noneMatch(m -> m.id().equals(id) && m.role() == Role.ADMIN)) {
            throw new MembershipException(
                    "Only admins can " + verb + " members, and this node is not one. Admins: " + admins() + ".");
        }
        return network.members().stream()
                .filter(m -> m.id().hasPrefix(ref) || m.name().equals(ref))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No member has the name or ID '" + ref + "'."));
    }

    private String admins() {
        return String.join(
                ", ",
                network.members().stream()
                        .filter(m -> m.role() == Role.ADMIN)
                        .map(m -> m.name() + " (" + m.id().shortForm() + ")")
                        .toList());
    }

    private boolean isMember(PeerId peer) {
        return network.members().stream().anyMatch(m -> m.id().equals(peer));
    }

    @Override
    public PeerId resolveMember(String ref) {
        return network.members().stream()
                .filter(m -> m.id().toString().equals(ref)
                        || m.name().equals(ref)
                        || m.id().toString().startsWith(ref))
                .map(Member::id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No member has the name or ID '" + ref + "'."));
    }

    /** A fake node reaches no other member: browsing, transfers and sends need real nodes (CliSharingTest). */
    @Override
    public dev.peernet.node.NetworkShares sharing() {
        throw new UnsupportedOperationException("the fake node reaches no other member");
    }

    @Override
    public dev.peernet.transfer.Transfers transfers() {
        throw new UnsupportedOperationException("the fake node has no transfer engine");
    }

    @Override
    public dev.peernet.send.Sends sends() {
        throw new UnsupportedOperationException("the fake node sends nothing");
    }

    /** Real shares, indexed in a temporary file that {@link #close()} deletes. */
    @Override
    public synchronized dev.peernet.share.Shares shares() {
        if (shares == null) {
            try {
                java.nio.file.Path db = java.nio.file.Files.createTempFile("fake-node-shares", ".db");
                db.toFile().deleteOnExit();
                shares = dev.peernet.share.Shares.open(db, java.time.InstantSource.system());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shares;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (shares != null) {
                shares.close();
            }
        }
    }
}
