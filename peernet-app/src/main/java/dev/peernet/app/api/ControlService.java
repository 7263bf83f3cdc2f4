package dev.peernet.app.api;

import dev.peernet.discovery.NearbyPeer;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Member;
import dev.peernet.membership.MembershipException;
import dev.peernet.membership.Role;
import dev.peernet.node.HostPort;
import dev.peernet.node.PeerInfo;
import dev.peernet.node.PeerMismatchException;
import dev.peernet.node.RemovedMemberException;
import dev.peernet.share.Share;
import dev.peernet.share.ShareException;
import dev.peernet.share.ShareStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The control API's operations, free of HTTP: turns requests into node calls and node answers into
 * response records, and node failures into {@link ApiProblem}s carrying a status and a sentence.
 */
final class ControlService {
    /** How long an invite stays valid unless the request says otherwise: a day to pass it on. */
    static final Duration DEFAULT_INVITE_TTL = Duration.ofHours(24);

    /** A code is a secret that may leak; a year is plenty to pass it on, and keeps expiry times in range. */
    static final Duration MAX_INVITE_TTL = Duration.ofDays(365);

    private final NodeControl node;
    private final InstantSource clock;
    private final SharingService sharing;

    ControlService(NodeControl node, InstantSource clock) {
        this.node = node;
        this.clock = clock;
        this.sharing = new SharingService(node);
    }

    /** Browsing, search, transfers and sends. */
    SharingService sharing() {
        return sharing;
    }

    StatusResponse status(String apiUrl) {
        long uptime =
                Math.max(0, Duration.between(node.startedAt(), clock.instant()).toSeconds());
        return new StatusResponse(
                node.id().toString(),
                node.name(),
                node.listenAddresses().stream().map(HostPort::format).toList(),
                node.startedAt().toString(),
                uptime,
                node.peers().size(),
                apiUrl,
                node.notices());
    }

    /**
     * Every other member with its liveness state, then the non-members this node is connected to or
     * hears on the LAN, as "nearby".
     */
    List<PeerResponse> peers() {
        NetworkInfo network = node.network();
        Map<PeerId, PeerInfo> connected = new LinkedHashMap<>();
        node.peers().forEach(p -> connected.put(p.id(), p));
        Map<PeerId, dev.peernet.liveness.Member> view = new HashMap<>();
        node.view().forEach(m -> view.put(m.id(), m));
        List<PeerResponse> out = new ArrayList<>();
        Set<PeerId> listed = new HashSet<>();
        listed.add(node.id());
        for (Member m : network.members()) {
            if (!listed.add(m.id())) {
                continue;
            }
            var seen = Optional.ofNullable(view.get(m.id()));
            PeerInfo connection = connected.get(m.id());
            String state = seen.map(s -> s.state().text()).orElse(connection != null ? "alive" : "dead");
            if (connection != null) {
                PeerResponse p = PeerResponse.of(connection, state);
                out.add(seen.filter(s -> !s.addresses().isEmpty())
                        .map(s -> withAddresses(p, s.addresses()))
                        .orElse(p));
            } else {
                out.add(PeerResponse.unconnected(
                        m.id().toString(),
                        m.name(),
                        state,
                        seen.map(dev.peernet.liveness.Member::addresses).orElse(List.of()),
                        seen.flatMap(dev.peernet.liveness.Member::rtt)
                                .map(PeerResponse::millis)
                                .orElse(null)));
            }
        }
        for (PeerInfo p : connected.values()) {
            if (listed.add(p.id())) {
                out.add(PeerResponse.of(p, NEARBY));
            }
        }
        for (NearbyPeer n : node.nearby()) {
            if (listed.add(n.id())) {
                out.add(PeerResponse.unconnected(
                        n.id().toString(),
                        n.name(),
                        NEARBY,
                        n.addresses().stream().map(HostPort::format).toList(),
                        null));
            }
        }
        return out;
    }

    /** What {@code peernet doctor} shows; each network check gives up after two seconds. */
    DoctorResponse doctor() {
        return DoctorResponse.of(node.doctor(java.time.Duration.ofSeconds(2)));
    }

    /** The state of a non-member in {@link #peers()}. */
    static final String NEARBY = "nearby";

    private static PeerResponse withAddresses(PeerResponse p, List<String> addresses) {
        return new PeerResponse(
                p.id(),
                p.name(),
                p.state(),
                addresses,
                p.rttMs(),
                p.address(),
                p.direction(),
                p.connectedSince(),
                p.listenAddresses(),
                p.protocolVersion());
    }

    PeerResponse connect(ConnectRequest request) {
        InetSocketAddress address = address(required(request.address(), "an 'address' such as 127.0.0.1:7707"));
        Optional<PeerId> expect = Optional.ofNullable(request.expect()).map(ControlService::peerId);
        try {
            PeerInfo reached = node.connect(address, expect);
            boolean member = node.network().members().stream().anyMatch(m -> m.id().equals(reached.id()));
            return PeerResponse.of(reached, member ? "alive" : NEARBY);
        } catch (PeerMismatchException e) {
            throw new ApiProblem(ApiProblem.CONFLICT, Sentences.of(e));
        } catch (RemovedMemberException e) {
            throw new ApiProblem(ApiProblem.FORBIDDEN, Sentences.of(e));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.BAD_GATEWAY, unreachable(HostPort.format(address), e));
        }
    }

    PingResponse ping(PingRequest request) {
        PeerId peer = resolve(required(request.peer(), "a 'peer': a peer ID, short ID or name"));
        try {
            Duration rtt = node.ping(peer);
            return new PingResponse(peer.toString(), nameOf(peer), PeerResponse.millis(rtt));
        } catch (IOException e) {
            throw new ApiProblem(
                    ApiProblem.BAD_GATEWAY, "Peer " + peer.shortForm() + " did not answer: " + Sentences.of(e));
        }
    }

    NetworkResponse network() {
        return NetworkResponse.of(node.network(), node.id());
    }

    InviteResponse invite(InviteRequest request) {
        Duration ttl = request.expiresInSeconds() == null ? DEFAULT_INVITE_TTL : inviteTtl(request.expiresInSeconds());
        int uses = request.uses() == null ? 1 : inviteUses(request.uses());
        List<InetSocketAddress> addresses = request.addresses() == null
                ? List.of()
                : request.addresses().stream().map(ControlService::address).toList();
        try {
            InviteCode code = node.invite(ttl, uses, addresses);
            return new InviteResponse(
                    code.toString(),
                    node.network().name(),
                    clock.instant().plus(ttl).toString(),
                    uses,
                    code.addresses().stream().map(HostPort::format).toList());
        } catch (MembershipException e) {
            throw new ApiProblem(isMember() ? ApiProblem.CONFLICT : ApiProblem.FORBIDDEN, Sentences.of(e));
        }
    }

    NetworkResponse join(JoinRequest request) {
        InviteCode code = inviteCode(required(request.code(), "a 'code': an invite code from a member"));
        try {
            return NetworkResponse.of(node.join(code), node.id());
        } catch (MembershipException e) {
            throw new ApiProblem(ApiProblem.CONFLICT, Sentences.of(e));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.BAD_GATEWAY, Sentences.of(e));
        }
    }

    MemberResponse remove(RemoveRequest request) {
        String member = required(request.member(), "a 'member': a member's ID, short ID or name");
        String reason = request.reason() == null ? "" : request.reason().strip();
        return changeMember(() -> node.remove(member, reason));
    }

    MemberResponse grant(GrantRequest request) {
        String member = required(request.member(), "a 'member': a member's ID, short ID or name");
        String role = required(request.role(), "a 'role': admin");
        if (!role.equals(Role.ADMIN.text())) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "Only the role 'admin' can be granted, not '" + role + "'.");
        }
        return changeMember(() -> node.grantAdmin(member));
    }

    /** Every share with its index so far. */
    List<ShareResponse> shares() {
        try {
            return node.shares().list().stream().map(ShareResponse::of).toList();
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.SERVER_ERROR, Sentences.of(e));
        }
    }

    /** Shares a folder; its first scan runs in the background, so this answers at once. */
    ShareResponse addShare(ShareAddRequest request) {
        Path path = path(required(request.path(), "a 'path': the folder to share"));
        List<String> to = request.to() == null ? List.of() : request.to();
        boolean toAll = to.isEmpty() || to.equals(List.of(ALL));
        if (!toAll && to.contains(ALL)) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "Share either to 'all' or to some members, not both.");
        }
        List<PeerId> members =
                toAll ? List.of() : to.stream().map(this::member).distinct().toList();
        return share(() -> {
            Share share = node.shares()
                    .add(
                            path,
                            Optional.ofNullable(request.name()),
                            Boolean.TRUE.equals(request.writable()),
                            toAll,
                            members);
            return node.shares().status(share.name());
        });
    }

    /** Stops sharing a folder; the folder itself is left alone. */
    ShareResponse removeShare(ShareRemoveRequest request) {
        String name = required(request.name(), "a 'name': the share's name");
        return share(() -> {
            ShareStatus status = node.shares().status(name);
            node.shares().remove(name);
            return new ShareStatus(status.share(), 0, 0, false, status.scannedAt(), status.scanError());
        });
    }

    /** The word in {@code --to} for every member. */
    static final String ALL = "all";

    private ShareResponse share(ShareCall call) {
        try {
            return ShareResponse.of(call.apply());
        } catch (ShareException e) {
            int status = switch (e.kind()) {
                case BAD_PATH, BAD_NAME -> ApiProblem.BAD_REQUEST;
                case NAME_TAKEN -> ApiProblem.CONFLICT;
                case UNKNOWN_SHARE -> ApiProblem.NOT_FOUND;
            };
            throw new ApiProblem(status, Sentences.of(e));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.SERVER_ERROR, Sentences.of(e));
        }
    }

    /** A call to the node's shares. */
    private interface ShareCall {
        ShareStatus apply() throws ShareException, IOException;
    }

    private PeerId member(String ref) {
        try {
            return node.resolveMember(ref);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.NOT_FOUND, Sentences.of(e));
        }
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "The path '" + text + "' is not a valid path.");
        }
    }

    /** A change only admins may make: refused with 403 if this node is not one, 404 if no member matches. */
    private MemberResponse changeMember(MemberChange change) {
        try {
            return MemberResponse.of(change.apply());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.NOT_FOUND, Sentences.of(e));
        } catch (MembershipException e) {
            throw new ApiProblem(isAdmin() ? ApiProblem.CONFLICT : ApiProblem.FORBIDDEN, Sentences.of(e));
        }
    }

    /** A call to the node that changes a member. */
    private interface MemberChange {
        Member apply() throws MembershipException;
    }

    private boolean isMember() {
        return !network().role().equals(NetworkResponse.REMOVED);
    }

    private boolean isAdmin() {
        return network().role().equals(Role.ADMIN.text());
    }

    private static Duration inviteTtl(long seconds) {
        if (seconds < 1) {
            throw new ApiProblem(
                    ApiProblem.BAD_REQUEST, "An invite must stay valid for at least one second, not " + seconds + ".");
        }
        if (seconds > MAX_INVITE_TTL.toSeconds()) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "An invite can stay valid for at most 365 days.");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int inviteUses(int uses) {
        if (uses < 1) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "An invite must allow at least one use, not " + uses + ".");
        }
        return uses;
    }

    private static InviteCode inviteCode(String text) {
        try {
            return InviteCode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, Sentences.of(e));
        }
    }

    private PeerId resolve(String ref) {
        try {
            return node.resolve(ref);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.NOT_FOUND, Sentences.of(e));
        }
    }

    private String nameOf(PeerId peer) {
        return node.peers().stream()
                .filter(p -> p.id().equals(peer))
                .map(PeerInfo::name)
                .findFirst()
                .orElse("");
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "The request needs " + what + ".");
        }
        return value;
    }

    private static InetSocketAddress address(String text) {
        try {
            InetSocketAddress address = HostPort.parse(text).toSocketAddress();
            if (address.isUnresolved()) {
                throw new ApiProblem(
                        ApiProblem.BAD_REQUEST, "Cannot resolve the host '" + address.getHostString() + "'.");
            }
            return address;
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, Sentences.of(e));
        }
    }

    private static PeerId peerId(String text) {
        try {
            return PeerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, Sentences.of(e));
        }
    }

    /**
     * A message that names the address ("Cannot reach 10.0.0.1:7707: Connection refused.") is used
     * as it is; one that does not ("Connection refused") gets the address as context.
     */
    static String unreachable(String address, IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "Could not connect to " + address + ".";
        }
        if (message.contains(address)) {
            return Sentences.of(message);
        }
        return Sentences.of("Could not connect to " + address + ": "
                + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
    }
}
