package dev.peernet.membership;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership: the network it belongs to, the signed records that say who else does,
 * the invites it issued, and the changes it may make. A node that has never joined a network
 * founds its own. Records are stored in SQLite and replicated to other members by {@link
 * SyncProtocol}; newcomers arrive through {@link JoinProtocol}, the one protocol open to outsiders.
 */
public final class Membership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /** The join protocol: the only one a non-member may open. */
    public static final String JOIN_PROTOCOL = "/peernet/join/1";

    /** MembershipRecord anti-entropy between members. */
    public static final String SYNC_PROTOCOL = "/peernet/membership/1";

    private final MembershipStore store;
    private final NodeIdentity identity;
    private final String nodeName;
    private final InstantSource clock;
    private final SecureRandom secrets = new SecureRandom();
    private final JoinRateLimiter limiter;
    private final List<Consumer<Roster>> listeners = new CopyOnWriteArrayList<>();
    private volatile Roster roster;
    private volatile Optional<byte[]> passphraseKey = Optional.empty();

    private Membership(MembershipStore store, NodeIdentity identity, String nodeName, InstantSource clock) {
        this.store = store;
        this.identity = identity;
        this.nodeName = nodeName;
        this.clock = clock;
        this.limiter = new JoinRateLimiter(clock, 5, Duration.ofMinutes(1));
    }

    /**
     * Starts loading the storage engine on a background thread, so a later {@link #open} finds it
     * ready; call it before slow work that {@code open} must wait for anyway.
     */
    public static void preloadStorage() {
        Thread.ofPlatform().name("peernet-sqlite-preload").daemon().start(MembershipStore::preload);
    }

    /**
     * Opens the membership state in {@code database}, founding a one-member network named after
     * the node if it is in none.
     */
    public static Membership open(Path database, NodeIdentity identity, String nodeName, InstantSource clock)
            throws IOException {
        MembershipStore store = MembershipStore.open(database);
        var membership = new Membership(store, identity, nodeName, clock);
        try {
            membership.load();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return membership;
    }

    private void load() throws IOException {
        Optional<NetworkId> network = store.network();
        if (network.isEmpty()) {
            found();
            return;
        }
        List<MembershipRecord> records = new ArrayList<>();
        for (byte[] bytes : store.records(network.get())) {
            try {
                records.add(Records.decode(bytes));
            } catch (MembershipException e) {
                log.warn("Skipped a stored membership record: {}", e.getMessage());
            }
        }
        roster = Roster.of(network.get(), records);
    }

    private void found() throws IOException {
        byte[] nonce = new byte[16];
        secrets.nextBytes(nonce);
        MembershipRecord genesis = Records.genesis(identity, nodeName, nodeName + "'s network", clock.instant(), nonce);
        NetworkId network = ((MembershipRecord.Genesis) genesis.kind()).founds();
        store.switchTo(network, List.of(genesis));
        roster = Roster.of(network, List.of(genesis));
        log.info("Founded network {} ({}) with this node as its only member.", roster.networkName(), network);
    }

    /** Admits any node that proves it knows {@code passphrase} (the zero-touch option). */
    public void usePassphrase(char[] passphrase) {
        passphraseKey = Optional.of(Proofs.passphraseKey(passphrase));
    }

    boolean hasPassphrase() {
        return passphraseKey.isPresent();
    }

    Optional<byte[]> passphraseKey() {
        return passphraseKey;
    }

    /** The network as this node knows it now. */
    public Roster roster() {
        return roster;
    }

    public PeerId self() {
        return identity.peerId();
    }

    String nodeName() {
        return nodeName;
    }

    InstantSource clock() {
        return clock;
    }

    JoinRateLimiter limiter() {
        return limiter;
    }

    MembershipStore store() {
        return store;
    }

    /** Whether {@code peer} may open a stream of {@code protocol} here: members any, others only join. */
    public boolean admits(PeerId peer, String protocol) {
        return JOIN_PROTOCOL.equals(protocol) || roster.isMember(peer);
    }

    /** Calls {@code listener} with the new roster after every change, on the changing thread. */
    public void onChange(Consumer<Roster> listener) {
        listeners.add(listener);
    }

    /**
     * Issues an invite: valid for {@code ttl} and {@code uses} joins, naming {@code addresses} as
     * where to reach this node.
     */
    public InviteCode invite(Duration ttl, int uses, List<InetSocketAddress> addresses) throws MembershipException {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new MembershipException("An invite must stay valid for some time; " + ttl + " is not.");
        }
        if (uses < 1) {
            throw new MembershipException("An invite must allow at least one use, not " + uses + ".");
        }
        if (!roster.isMember(self())) {
            throw new MembershipException("This node was removed from its network, so it cannot invite.");
        }
        if (addresses.isEmpty()) {
            throw new MembershipException("This node has no address to put in an invite; give one with --address.");
        }
        byte[] secret = new byte[InviteCode.SECRET_BYTES];
        secrets.nextBytes(secret);
        Instant now = clock.instant();
        try {
            store.addInvite(new MembershipStore.Invite(secret, now, now.plus(ttl), uses));
        } catch (IOException e) {
            throw new MembershipException("Could not store the invite: " + e.getMessage(), e);
        }
        List<InetSocketAddress> listed = addresses.subList(0, Math.min(addresses.size(), InviteCode.MAX_ADDRESSES));
        return new InviteCode(secret, listed);
    }

    /**
     * Admits {@code peer} by its ID alone, the way devices are paired by ID: from now on this node
     * (and every member it syncs with) treats it as a member. The peer itself adopts the network
     * only when it joins, so this is for peers known out of band, and for tests.
     */
    public Member admit(PeerId peer, String name) throws MembershipException {
        if (!roster.isMember(self())) {
            throw new MembershipException("This node was removed from its network, so it cannot admit anyone.");
        }
        if (roster.isRevoked(peer)) {
            throw new MembershipException(peer.shortForm() + " was removed from the network and cannot come back.");
        }
        if (!roster.isMember(peer)) {
            sign(new MembershipRecord.Admit(peer, Role.MEMBER, name));
        }
        return roster.member(peer).orElseThrow();
    }

    /** Revokes {@code peer}. Only admins may; the revocation then spreads to every member. */
    public Member remove(PeerId peer, String reason) throws MembershipException {
        Roster now = roster;
        Member member = requireChangeable(now, peer, "remove");
        if (peer.equals(self())) {
            throw new MembershipException("A node cannot remove itself.");
        }
        sign(new MembershipRecord.Revoke(peer, now.lastSeqOf(peer), reason));
        return member;
    }

    /** Gives {@code peer} a role. Only admins may. */
    public Member grant(PeerId peer, Role role) throws MembershipException {
        requireChangeable(roster, peer, "grant a role to");
        sign(new MembershipRecord.Grant(peer, role));
        return roster.member(peer).orElseThrow();
    }

    private Member requireChangeable(Roster now, PeerId peer, String verb) throws MembershipException {
        if (!now.isAdmin(self())) {
            List<String> admins = now.members().stream()
                    .filter(m -> m.role() == Role.ADMIN)
                    .map(m -> m.name() + " (" + m.id().shortForm() + ")")
                    .toList();
            throw new MembershipException("Only admins can " + verb + " members, and this node is not one. Admins: "
                    + String.join(", ", admins) + ".");
        }
        return now.member(peer)
                .orElseThrow(() -> new MembershipException(
                        peer.shortForm() + " is not a member of network " + now.networkName() + "."));
    }

    /** Signs a record as this node's next, stores it and applies it. */
    synchronized MembershipRecord sign(MembershipRecord.Kind kind) throws MembershipException {
        Roster now = roster;
        MembershipRecord record =
                Records.sign(identity, now.networkId(), now.lastSeqOf(self()) + 1, clock.instant(), kind);
        try {
            merge(List.of(record));
        } catch (IOException e) {
            throw new MembershipException("Could not store the change: " + e.getMessage(), e);
        }
        return record;
    }

    /**
     * Adds records received from a member; returns whether the roster changed. Records of other
     * networks are ignored.
     */
    boolean merge(List<MembershipRecord> received) throws IOException {
        Roster changed;
        synchronized (this) {
            Roster now = roster;
            Set<String> known = now.hashes();
            List<MembershipRecord> fresh = received.stream()
                    .filter(r -> r.network().equals(Optional.of(now.networkId())))
                    .filter(r -> !known.contains(r.hash()))
                    .toList();
            if (fresh.isEmpty()) {
                return false;
            }
            store.add(now.networkId(), fresh);
            List<MembershipRecord> all = new ArrayList<>(now.records());
            all.addAll(fresh);
            changed = Roster.of(now.networkId(), all);
            roster = changed;
        }
        notifyListeners(changed);
        return true;
    }

    /** Replaces this node's network with the one it just joined. */
    void switchTo(Roster joined) throws IOException {
        synchronized (this) {
            store.switchTo(joined.networkId(), joined.records());
            roster = joined;
        }
        log.info("Joined network {} ({}), {} members.", joined.networkName(), joined.networkId(), joined.size());
        notifyListeners(joined);
    }

    private void notifyListeners(Roster changed) {
        for (Consumer<Roster> l : listeners) {
            try {
                l.accept(changed);
            } catch (RuntimeException e) {
                log.warn("A membership listener failed: {}", e.toString());
            }
        }
    }

    /** Records this node lacks among {@code hashes}' complement: what to send a peer holding {@code hashes}. */
    List<MembershipRecord> missingFrom(Set<String> hashes) {
        return roster.records().stream().filter(r -> !hashes.contains(r.hash())).toList();
    }

    Set<String> unknownAmong(List<String> hashes) {
        Set<String> known = roster.hashes();
        Set<String> unknown = new HashSet<>(hashes);
        unknown.removeAll(known);
        return unknown;
    }

    // ---- the protocols -----------------------------------------------------------------------

    /** Serves {@link #JOIN_PROTOCOL} on a stream a (likely non-member) peer opened. */
    public void serveJoin(Stream stream) throws IOException {
        new JoinProtocol(this).serve(stream);
    }

    /**
     * Joins the network of the member at the other end of {@code stream} with {@code code}. On
     * success this node leaves its old network for that one.
     *
     * @throws MembershipException with the member's refusal or why its answer was not trusted
     */
    public Roster join(Stream stream, InviteCode code) throws IOException, MembershipException {
        return new JoinProtocol(this).join(stream, code.secret(), false);
    }

    /** Joins with the network passphrase set by {@link #usePassphrase}. */
    public Roster joinWithPassphrase(Stream stream) throws IOException, MembershipException {
        byte[] key = passphraseKey.orElseThrow(() -> new MembershipException("This node has no network passphrase."));
        return new JoinProtocol(this).join(stream, key, true);
    }

    /**
     * Shows a member that refused this node as unknown the records that admitted it, over a
     * {@link #JOIN_PROTOCOL} stream, and merges what it knows in return.
     *
     * @throws MembershipException if it still refuses
     */
    public void presentAdmission(Stream stream) throws IOException, MembershipException {
        new JoinProtocol(this).presentAdmission(stream);
    }

    /** Serves {@link #SYNC_PROTOCOL}. */
    public void serveSync(Stream stream) throws IOException {
        new SyncProtocol(this).serve(stream);
    }

    /** Runs {@link #SYNC_PROTOCOL} as the opener; returns whether this node learned something. */
    public boolean sync(Stream stream) throws IOException {
        return new SyncProtocol(this).sync(stream);
    }

    @Override
    public void close() {
        store.close();
    }
}
