package dev.peernet.node;

import dev.peernet.discovery.Announcement;
import dev.peernet.discovery.Discovery;
import dev.peernet.discovery.DiscoveryConfig;
import dev.peernet.discovery.DiscoveryEvent;
import dev.peernet.discovery.InterfaceStatus;
import dev.peernet.discovery.NearbyPeer;
import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.liveness.SwimConfig;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Member;
import dev.peernet.membership.Membership;
import dev.peernet.membership.MembershipException;
import dev.peernet.membership.Role;
import dev.peernet.membership.Roster;
import dev.peernet.ping.PingProtocol;
import dev.peernet.send.OfferStore;
import dev.peernet.send.Sends;
import dev.peernet.session.Direction;
import dev.peernet.session.Session;
import dev.peernet.session.SessionConfig;
import dev.peernet.session.SessionException;
import dev.peernet.session.Sessions;
import dev.peernet.session.Stream;
import dev.peernet.session.StreamHandler;
import dev.peernet.share.OfferShares;
import dev.peernet.share.ShareCatalog;
import dev.peernet.share.ShareServer;
import dev.peernet.share.Shares;
import dev.peernet.share.UploadLimiter;
import dev.peernet.transfer.TransferOptions;
import dev.peernet.transfer.Transfers;
import dev.peernet.transport.SecureLink;
import dev.peernet.transport.Transport;
import dev.peernet.transport.tls.TlsTransport;
import dev.peernet.wire.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Peernet node: identity, listeners, one connection per peer, and the protocols served on
 * them. This is the composition root and the library's entry point.
 *
 * <p>The pipeline of a connection: {@link Transport} (TLS 1.3, mutual auth) → {@link Sessions}
 * (HELLO) → {@link ConnectionTable} (one per peer) → streams dispatched by {@link ProtocolRegistry}.
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    /** The node's SQLite state, in its state dir. */
    public static final String STATE_DB = "peernet.db";

    /** The transfer engine's SQLite state, in the state dir. */
    public static final String TRANSFERS_DB = "transfers.db";

    private final NodeConfig config;
    private final NodeIdentity identity;
    private final ScheduledExecutorService scheduler;
    /** Pooled platform threads for stream handlers: reused, so a short stream costs no thread start. */
    private final ExecutorService handlers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("peernet-stream-", 0).daemon().factory());

    private final Transport transport;
    private final SessionConfig sessionConfig;
    private final Membership membership;
    private final Shares shares;
    /** Where members were last known to listen, for finding them again after a restart. */
    private final AddressBook addressBook;

    private final NetworkShares sharing;
    private volatile Transfers transfers;
    private volatile Sends sends;
    private volatile OfferStore offerStore;
    private final ProtocolRegistry protocols;
    private final MemberSync memberSync;
    private final ConnectionTable connections;
    private final List<Transport.Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private volatile Discovery discovery;
    private volatile MemberLiveness liveness;
    private final Instant startedAt;
    private final List<Redialer> redialers = new ArrayList<>();
    private volatile boolean closed;

    private Node(
            NodeConfig config,
            NodeIdentity identity,
            Membership membership,
            Shares shares,
            AddressBook addressBook,
            TransportFactory transports) {
        this.config = config;
        this.identity = identity;
        this.membership = membership;
        this.shares = shares;
        this.addressBook = addressBook;
        this.protocols = new ProtocolRegistry(membership);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("peernet-timer").daemon().factory());
        var timeouts = config.timeouts();
        this.transport = transports.create(
                identity, new TlsTransport.Options(timeouts.handshake(), config.maxHalfOpenPerAddress(), scheduler));
        this.sessionConfig = new SessionConfig(
                config.name(),
                () -> listenAddresses().stream().map(HostPort::format).toList(),
                SessionConfig.PROTOCOL_VERSION,
                SessionConfig.PROTOCOL_VERSION,
                config.initialWindow(),
                SessionConfig.DEFAULT_MAX_FRAME_PAYLOAD,
                timeouts.handshake(),
                timeouts.keepalive(),
                timeouts.dead(),
                timeouts.idle(),
                1024,
                scheduler,
                handlers,
                System::nanoTime,
                config.clock());
        this.connections = new ConnectionTable(identity.peerId(), this::connectionLost);
        this.startedAt = config.clock().instant();
        this.memberSync = new MemberSync(membership, connections::all);
        protocols.register(PingProtocol.NAME, PingProtocol::serve);
        protocols.register(Membership.JOIN_PROTOCOL, membership::serveJoin);
        protocols.register(Membership.SYNC_PROTOCOL, membership::serveSync);
        this.sharing = startSharing(shares);
    }

    /** Serves this node's shares and offers to members (the registry admits only members). */
    private NetworkShares startSharing(Shares shares) {
        OfferShares offers = new OfferShares();
        ShareCatalog catalog = ShareCatalog.of(shares, offers);
        ShareServer server = new ShareServer(catalog, UploadLimiter.unlimited(), System::nanoTime);
        protocols.register(ShareServer.PROTOCOL, server::serve);
        return new NetworkShares(this, server, catalog, offers);
    }

    /**
     * Starts a node: loads or creates its identity, binds its listeners, dials its static peers.
     *
     * @throws dev.peernet.identity.IdentityException if the key file is unusable
     * @throws IOException if a listener cannot be bound (the message says which address and why)
     */
    public static Node start(NodeConfig config) throws IOException {
        return start(config, TlsTransport::create);
    }

    /**
     * Starts a node on another transport, such as the testkit's in-memory one. Everything above the
     * transport (sessions, streams, protocols) is the same.
     */
    public static Node start(NodeConfig config, TransportFactory transports) throws IOException {
        Membership.preloadStorage(); // while the identity is loaded or made
        Files.createDirectories(config.stateDir());
        restrictToOwner(config);
        NodeIdentity identity = NodeIdentity.loadOrCreate(config.stateDir());
        Membership membership =
                Membership.open(config.stateDir().resolve(STATE_DB), identity, config.name(), config.clock());
        if (config.networkSecretFile().isPresent()) {
            try {
                membership.usePassphrase(
                        readPassphrase(config.networkSecretFile().get()));
            } catch (IOException e) {
                membership.close();
                throw e;
            }
        }
        Shares shares;
        try {
            shares = Shares.open(config.stateDir().resolve(Shares.STATE_DB), config.clock(), config.stateDir());
        } catch (IOException e) {
            membership.close();
            throw e;
        }
        AddressBook addressBook;
        try {
            addressBook = AddressBook.open(config.stateDir().resolve(STATE_DB), config.clock());
        } catch (IOException e) {
            shares.close();
            membership.close();
            throw e;
        }
        Node node;
        try {
            node = new Node(config, identity, membership, shares, addressBook, transports);
        } catch (RuntimeException e) {
            addressBook.close();
            shares.close();
            membership.close();
            throw e;
        }
        try {
            // Before any listener accepts: a receiver that reconnects at once finds the offers that
            // this node served before its restart served again (ADR 0012, fifth addendum).
            node.startTransfers();
            node.bindListeners();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.transfers.resumeAll(); // once the listeners announce their real ports
        node.startRedialers();
        node.startLiveness();
        node.startDiscovery();
        try {
            shares.rescanAll(); // in the background: the index catches up with changes made while stopped
        } catch (IOException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private static char[] readPassphrase(java.nio.file.Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            throw new IOException("Cannot read the network secret file " + file + ": " + e.getMessage() + ".", e);
        }
        if (text.isEmpty()) {
            throw new IOException("The network secret file " + file + " is empty; put the network passphrase in it.");
        }
        return text.toCharArray();
    }

    private static void restrictToOwner(NodeConfig config) {
        try {
            Files.setPosixFilePermissions(config.stateDir(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not restrict {} to its owner: {}", config.stateDir(), e.toString());
        }
    }

    private void bindListeners() throws IOException {
        if (!config.listen().isEmpty()) {
            for (InetSocketAddress address : config.listen()) {
                listeners.add(transport.listen(address, this::accept));
            }
            return;
        }
        try {
            listeners.add(transport.listen(new InetSocketAddress(NodeConfig.DEFAULT_PORT), this::accept));
        } catch (java.net.BindException e) {
            var fallback = transport.listen(new InetSocketAddress(0), this::accept);
            listeners.add(fallback);
            notices.add("Port " + NodeConfig.DEFAULT_PORT + " is taken; listening on port "
                    + fallback.boundAddress().getPort() + " instead.");
        }
    }

    /** The transfer engine and one-shot send, with the offers in progress; {@code start} resumes the transfers. */
    private void startTransfers() throws IOException {
        sharing.uploadLimit().setBytesPerSecond(config.sharing().maxUploadBytesPerSecond());
        transfers = Transfers.open(
                config.stateDir().resolve(TRANSFERS_DB),
                sharing,
                TransferOptions.defaults().withClock(config.clock()));
        SendWiring wiring = new SendWiring(this, sharing, transfers);
        offerStore = OfferStore.open(config.stateDir().resolve(STATE_DB));
        sends = new Sends(
                new Sends.Settings(
                        config.sharing().inboxIn(config.stateDir()),
                        config.sharing().accept()),
                wiring,
                wiring,
                wiring,
                wiring,
                offerStore,
                config.clock(),
                new java.security.SecureRandom());
        var unused = sends.restore();
        // On a thread of its own: the timer thread also runs handshake and session timeouts.
        var unusedExpiry = scheduler.scheduleWithFixedDelay(
                () -> Thread.ofVirtual().name("peernet-offer-expiry").start(this::expireOffers),
                1,
                1,
                java.util.concurrent.TimeUnit.HOURS);
        protocols.register(Sends.PROTOCOL, sends::serve);
    }

    /** Offers nobody decided on for a week end (see {@link Sends#expire}). */
    private void expireOffers() {
        try {
            var unused = sends.expire();
        } catch (RuntimeException e) {
            log.warn("Could not expire old offers: {}", e.toString());
        }
    }

    private void startLiveness() {
        if (!config.liveness()) {
            return;
        }
        liveness = new MemberLiveness(this, membership, SwimConfig.defaults(), config.random(), System::nanoTime);
        protocols.register(MemberLiveness.PROTOCOL, liveness::serve);
        liveness.start();
    }

    private void connectionLost(PeerId peer) {
        MemberLiveness l = liveness;
        if (l != null && !closed) {
            l.connectionLost(peer);
        }
    }

    /**
     * The network view of the failure detector: every member with its state (alive, suspect,
     * dead, left), announced addresses and version, and the RTT of this node's probes.
     */
    public List<dev.peernet.liveness.Member> view() {
        MemberLiveness l = liveness;
        return l == null ? List.of() : l.view();
    }

    /** Announces this node on the LAN and listens for others, unless the config turns it off. */
    private void startDiscovery() {
        if (!config.discovery()) {
            return;
        }
        Announcement self;
        try {
            self = new Announcement(
                    config.name(),
                    id(),
                    membership.roster().networkId().toString(),
                    SessionConfig.PROTOCOL_VERSION,
                    listeners.getFirst().boundAddress().getPort());
        } catch (IllegalArgumentException e) {
            notices.add("LAN discovery is off: " + e.getMessage() + ".");
            return;
        }
        discovery = Discovery.start(DiscoveryConfig.defaults().withInterfaces(config.interfaces()), self);
        discovery.addListener(Node::logNearby);
        discovery.addListener(event -> {
            MemberLiveness l = liveness;
            if (l != null && !(event instanceof DiscoveryEvent.Gone)) {
                l.heardOf(event.peer().id());
            }
        });
        if (config.networkSecretFile().isPresent()) {
            discovery.addListener(new PassphraseJoiner(this, membership, config.clock())::heard);
        }
        membership.onChange(roster -> {
            Discovery d = discovery;
            if (d != null && !d.self().networkId().equals(roster.networkId().toString())) {
                d.announce(d.self().withNetworkId(roster.networkId().toString()));
            }
        });
    }

    private static void logNearby(DiscoveryEvent event) {
        NearbyPeer p = event.peer();
        switch (event) {
            case DiscoveryEvent.Appeared a ->
                log.info(
                        "Nearby: {} ({}) at {} on {}.",
                        p.name(),
                        p.id().shortForm(),
                        p.addresses().stream().map(HostPort::format).toList(),
                        p.interfaceName());
            case DiscoveryEvent.Gone g ->
                log.info(
                        "No longer nearby: {} ({}): {}.",
                        p.name(),
                        p.id().shortForm(),
                        switch (g.reason()) {
                            case GOODBYE -> "it said goodbye";
                            case EXPIRED -> "its announcements stopped";
                            case INTERFACE_GONE -> "its interface is no longer used";
                        });
            case DiscoveryEvent.Updated u -> {
                // announcements of a change (network, addresses) are not worth a line each
            }
        }
    }

    /** Nodes heard on the LAN (members or not); empty when discovery is off. */
    public List<NearbyPeer> nearby() {
        Discovery d = discovery;
        return d == null ? List.of() : d.nearby();
    }

    /** The interfaces discovery considered, with what it found on each; empty when it is off. */
    public List<InterfaceStatus> discoveryInterfaces() {
        Discovery d = discovery;
        return d == null ? List.of() : d.interfaces();
    }

    private void startRedialers() {
        for (HostPort peer : config.peers()) {
            var redialer = new Redialer(this, peer, new Backoff(config.random()));
            redialers.add(redialer);
            redialer.start();
        }
    }

    // ---- connections ---------------------------------------------------------------------------

    private void accept(SecureLink link) {
        if (closed) {
            link.close();
            return;
        }
        if (link.remotePeer().equals(id())) {
            log.info("Dropped a connection from {}: it is this node itself.", link.remoteAddress());
            link.close();
            return;
        }
        try {
            var unused =
                    connected(connections.add(Sessions.establish(link, Direction.INBOUND, sessionConfig, protocols)));
        } catch (SessionException e) {
            log.info(
                    "Dropped inbound connection from {} (peer {}): {}.",
                    link.remoteAddress(),
                    link.remotePeer().shortForm(),
                    e.getMessage());
        }
    }

    /**
     * A session with a peer is up, either way: what waited for that peer goes now.
     *
     * @return whether the peer refused this node as a member (see {@link MemberSync#connected})
     */
    private boolean connected(Session session) {
        boolean refused = memberSync.connected(session);
        Sends sending = sends;
        if (sending != null) {
            sending.connected(session.remotePeer());
        }
        return refused;
    }

    /**
     * Dials {@code address} and returns the peer reached, reusing an existing connection to it.
     *
     * @throws PeerMismatchException if {@code expect} is given and another peer answered
     */
    public PeerInfo connect(InetSocketAddress address, Optional<PeerId> expect) throws IOException {
        refuseIfRemoved();
        Dialed dialed = dialed(address, expect);
        Session session = dialed.session();
        if (dialed.refusedAsMember()) {
            // Removed without having heard: the peer hands this node its revocation, then closes.
            awaitRevocationOrClose(session);
        }
        try {
            refuseIfRemoved();
        } catch (RemovedMemberException e) {
            session.close(ErrorCode.NOT_A_MEMBER, "this node was removed from the network");
            throw e;
        }
        if (dialed.refusedAsMember()) {
            session.close(ErrorCode.NOT_A_MEMBER, "not accepted as a member");
            throw new RemovedMemberException("Peer " + session.remotePeer().shortForm() + " at "
                    + HostPort.format(address) + " does not accept this node as a member of network "
                    + membership.roster().networkName() + ".");
        }
        Roster roster = membership.roster();
        if (roster.isRevoked(session.remotePeer())) {
            // MemberSync hands it its revocation and closes the connection.
            throw new RemovedMemberException("Peer " + session.remotePeer().shortForm() + " at "
                    + HostPort.format(address) + " was removed from network " + roster.networkName()
                    + ", so this node does not keep a connection with it.");
        }
        return info(session);
    }

    private void awaitRevocationOrClose(Session session) {
        long deadline =
                System.nanoTime() + MemberSync.TELL_WITHIN.plusSeconds(1).toNanos();
        while (session.isOpen() && !membership.roster().isRevoked(id()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refuseIfRemoved() throws RemovedMemberException {
        Roster roster = membership.roster();
        if (roster.isRevoked(id())) {
            throw new RemovedMemberException("This node was removed from network " + roster.networkName()
                    + ", so its members no longer accept its connections.");
        }
    }

    Session dial(InetSocketAddress address, Optional<PeerId> expect) throws IOException {
        return dialed(address, expect).session();
    }

    /** A dialled session, and whether the peer refused this node as a member when they synced. */
    private record Dialed(Session session, boolean refusedAsMember) {}

    private Dialed dialed(InetSocketAddress address, Optional<PeerId> expect) throws IOException {
        if (closed) {
            throw new IOException("The node is shutting down.");
        }
        String where = HostPort.format(address);
        SecureLink link = transport.dial(address);
        PeerId reached = link.remotePeer();
        if (expect.isPresent() && !expect.get().equals(reached)) {
            link.close();
            log.warn(
                    "Refused {}: expected peer {} but reached {}.",
                    where,
                    expect.get().shortForm(),
                    reached.shortForm());
            throw new PeerMismatchException(where, expect.get(), reached);
        }
        if (reached.equals(id())) {
            link.close();
            throw new IOException(where + " is this node itself.");
        }
        try {
            Session session = connections.add(Sessions.establish(link, Direction.OUTBOUND, sessionConfig, protocols));
            return new Dialed(session, connected(session));
        } catch (SessionException e) {
            throw new IOException("Connecting to " + where + " failed: " + e.getMessage() + ".", e);
        }
    }

    /** Closes the connection to {@code peer}, if there is one; returns whether there was. */
    public boolean disconnect(PeerId peer) {
        Optional<Session> session = connections.get(peer);
        session.ifPresent(s -> s.close(ErrorCode.NO_ERROR, "disconnected"));
        return session.isPresent();
    }

    Optional<Session> session(PeerId peer) {
        return connections.get(peer);
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the node is running: started and not yet closed. */
    public boolean isRunning() {
        return !closed;
    }

    /** Connected peers, one per peer. */
    public List<PeerInfo> peers() {
        return connections.all().stream().map(Node::info).toList();
    }

    private static PeerInfo info(Session s) {
        return new PeerInfo(
                s.remotePeer(),
                s.remoteHello().name(),
                s.remoteAddress(),
                s.direction(),
                s.rtt(),
                s.establishedAt(),
                s.remoteHello().listenAddresses(),
                s.remoteHello().protocolVersion());
    }

    /**
     * Finds a connected peer by full ID, unique ID prefix (short form), or name.
     *
     * @throws IllegalArgumentException saying why {@code ref} matches no peer or several
     */
    public PeerId resolve(String ref) {
        return PeerResolver.resolve(ref, peers());
    }

    /** One round trip of the ping protocol to a connected peer. */
    public Duration ping(PeerId peer) throws IOException {
        try (Stream stream = openStream(peer, PingProtocol.NAME)) {
            return PingProtocol.probe(stream);
        }
    }

    /**
     * Opens a stream speaking {@code protocol} to a connected peer. Retries once if the connection
     * it picked lost a duplicate-connection tie-break meanwhile.
     */
    public Stream openStream(PeerId peer, String protocol) throws IOException {
        Session first = requireSession(peer);
        try {
            return first.openStream(protocol);
        } catch (SessionException e) {
            if (e.code() != ErrorCode.DUPLICATE_CONNECTION) {
                throw e;
            }
            return survivor(peer, first).openStream(protocol);
        }
    }

    /** The connection to {@code peer} that won the tie-break against {@code loser}, once the table has it. */
    private Session survivor(PeerId peer, Session loser) throws IOException {
        long deadline = System.nanoTime() + config.timeouts().handshake().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Session> now = connections.get(peer);
            if (now.isPresent() && now.get() != loser && now.get().isOpen()) {
                return now.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return requireSession(peer);
    }

    private Session requireSession(PeerId peer) throws IOException {
        return connections
                .get(peer)
                .orElseThrow(() -> new IOException("Peer " + peer.shortForm() + " is not connected."));
    }

    /** Every protocol this node serves, by name. */
    public java.util.Set<String> servedProtocols() {
        return protocols.names();
    }

    /** Serves {@code protocol} (for example {@code /peernet/ping/1}) with {@code handler}. */
    public void serve(String protocol, StreamHandler handler) {
        protocols.register(protocol, handler);
    }

    // ---- membership ----------------------------------------------------------------------------

    /** The network this node belongs to, as its signed records say now. */
    public Roster network() {
        return membership.roster();
    }

    /** The node's membership, for protocols that decide who may do what. */
    public Membership membership() {
        return membership;
    }

    /**
     * Issues an invite valid for {@code ttl} and {@code uses} joins. The code names this node's
     * addresses: {@code addresses} if given, else its listen addresses, non-loopback ones first.
     */
    public InviteCode invite(Duration ttl, int uses, List<InetSocketAddress> addresses) throws MembershipException {
        List<InetSocketAddress> where = addresses.isEmpty() ? dialableAddresses() : addresses;
        return membership.invite(ttl, uses, where);
    }

    /**
     * The listen addresses another host can dial: never link-local ones (they need a scope), and
     * loopback ones only when there is nothing else; IPv4 first. Unresolved addresses (names, as
     * on the testkit's in-memory transport) count as routable.
     */
    List<InetSocketAddress> dialableAddresses() {
        List<InetSocketAddress> all = listenAddresses().stream()
                .filter(a -> a.getAddress() == null || !a.getAddress().isLinkLocalAddress())
                .toList();
        List<InetSocketAddress> routable = all.stream()
                .filter(a -> a.getAddress() == null || !a.getAddress().isLoopbackAddress())
                .sorted(java.util.Comparator.comparing(a -> a.getAddress() instanceof java.net.Inet6Address))
                .toList();
        return routable.isEmpty() ? all : routable;
    }

    /**
     * Joins the network of the member that issued {@code code}, trying each address in it.
     *
     * @throws MembershipException with the member's refusal, or why its answer was not trusted
     * @throws IOException if no address in the code could be reached
     */
    public Roster join(InviteCode code) throws IOException, MembershipException {
        IOException last = null;
        for (InetSocketAddress address : code.addresses()) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                Session session;
                try {
                    session = dial(address, Optional.empty());
                } catch (IOException e) {
                    last = e;
                    break; // unreachable here: try the next address
                }
                try (Stream stream = openStream(session.remotePeer(), Membership.JOIN_PROTOCOL)) {
                    Roster roster = membership.join(stream, code);
                    addressBook.remember(session.remotePeer(), List.of(HostPort.format(address)));
                    return roster;
                } catch (IOException e) {
                    // The connection was lost under the join, e.g. to a simultaneous dial winning
                    // the tie-break. Joining again is safe: the inviter recognises whom it admitted.
                    last = e;
                }
            }
        }
        String where =
                code.addresses().stream().map(HostPort::format).collect(java.util.stream.Collectors.joining(", "));
        throw new IOException(
                "Could not reach the inviter at " + where + ": " + (last == null ? "no address" : last.getMessage()),
                last);
    }

    /**
     * Joins the network of the node at {@code address} by proving the network passphrase. That
     * node refuses if its network is the smaller one; it then joins this one instead.
     */
    public Roster joinWithPassphrase(InetSocketAddress address, PeerId expect) throws IOException, MembershipException {
        Session session = dial(address, Optional.of(expect));
        try (Stream stream = openStream(session.remotePeer(), Membership.JOIN_PROTOCOL)) {
            return membership.joinWithPassphrase(stream);
        }
    }

    /** Removes a member (by full ID, ID prefix or name). Only admins may. */
    public Member remove(String ref, String reason) throws MembershipException {
        return membership.remove(resolveMember(ref), reason);
    }

    /** Makes a member (by full ID, ID prefix or name) an admin. Only admins may. */
    public Member grantAdmin(String ref) throws MembershipException {
        return membership.grant(resolveMember(ref), Role.ADMIN);
    }

    /**
     * Finds a member of this node's network by full ID, unique ID prefix (short form), or name.
     *
     * @throws IllegalArgumentException saying why {@code ref} matches no member or several
     */
    public PeerId resolveMember(String ref) {
        var members = membership.roster().members().stream()
                .map(m -> new PeerResolver.Candidate(m.id(), m.name()))
                .toList();
        return PeerResolver.resolve(ref, members, "member");
    }

    // ---- sharing -------------------------------------------------------------------------------

    /** The folders this node shares and their index. */
    public Shares shares() {
        return shares;
    }

    /** Other members' shares (browse, search, fetch), and this node's serving of its own. */
    public NetworkShares sharing() {
        return sharing;
    }

    /** Fetches from members' shares: active and recent transfers, resumed after a restart. */
    public Transfers transfers() {
        return transfers;
    }

    /** One-shot sends, outgoing and incoming. */
    public Sends sends() {
        return sends;
    }

    // ---- identity and state --------------------------------------------------------------------

    public PeerId id() {
        return identity.peerId();
    }

    public String name() {
        return config.name();
    }

    /** The configuration the node was started with. */
    public NodeConfig config() {
        return config;
    }

    /** Every concrete address this node listens on (wildcards expanded to interface addresses). */
    public List<InetSocketAddress> listenAddresses() {
        return ListenAddresses.expand(
                listeners.stream().map(Transport.Listener::boundAddress).toList());
    }

    /** When the node started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Things worth telling the user about start-up, such as a port fallback. */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** Closes every connection politely, stops listening, and flushes state. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        MemberLiveness l = liveness;
        if (l != null) {
            l.leaveAndStop(1000); // a clean stop is "left", not a death
        }
        closed = true;
        Sends sending = sends;
        if (sending != null) {
            sending.close();
        }
        OfferStore kept = offerStore;
        if (kept != null) {
            kept.close();
        }
        Transfers t = transfers;
        if (t != null) {
            t.close(); // before the connections go, so running transfers stop as stopped, not as failed
        }
        Discovery d = discovery;
        if (d != null) {
            d.close(); // goodbyes first, so others drop this node from their lists at once
        }
        redialers.forEach(Redialer::stop);
        listeners.forEach(Transport.Listener::close);
        var sessions = connections.drain();
        sessions.forEach(s -> s.close(ErrorCode.SHUTDOWN, "the node is shutting down"));
        for (Session s : sessions) {
            try {
                s.closed().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("Session to {} did not close in time", s.remotePeer().shortForm());
            }
        }
        scheduler.shutdownNow();
        handlers.shutdown();
        addressBook.close();
        shares.close();
        membership.close();
    }

    AddressBook addressBook() {
        return addressBook;
    }
}
