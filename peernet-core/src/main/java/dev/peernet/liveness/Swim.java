package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.random.RandomGenerator;

/**
 * SWIM failure detection with Lifeguard suspicion, as a pure state machine: the caller feeds it time
 * ({@link #tick}) and messages ({@link #onMessage}); it sends through a {@link SwimTransport}. No
 * threads, no clock, no sleeping; all randomness comes from the injected generator, so one seed
 * replays one run exactly. Not thread-safe: drive it from one thread (or under one lock).
 *
 * <p>Each probe period it probes the next member of a shuffled round-robin list with a {@code Ping}.
 * Without an ack within the probe timeout it asks {@code k} other members to probe it ({@code
 * PingReq}); without any ack within a second probe timeout it marks the member suspect. The suspect hears
 * of it (it is piggybacked first on anything sent to it) and refutes with a higher incarnation; if no
 * refutation arrives before the suspicion timeout, the member is declared dead. See {@code
 * package-info} for the whole protocol.
 */
public final class Swim {
    /** Failed probes and checks whose acks count as evidence of life; a few periods' worth. */
    private static final int RECENT_FAILED_PROBES = 64;

    private final PeerId self;
    private final SwimConfig config;
    private final SwimTransport transport;
    private final RandomGenerator random;
    private final MemberTable table;
    private final List<PeerId> probeOrder = new ArrayList<>();
    private final Map<Long, Relay> relays = new HashMap<>();
    private final SequencedSet<PeerId> probeFirst = new LinkedHashSet<>();
    private final Map<Long, PeerId> failedProbes = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PeerId> eldest) {
            return size() > RECENT_FAILED_PROBES;
        }
    };
    private int probeIndex;
    private Probe probe;
    private long nextSeq = 1;
    private long nextProbeAt;
    private long nextGossipAt;
    private long nextSyncAt;

    /**
     * A probe awaiting its ack: direct until the probe timeout, then indirect too, until the period
     * ends. Gone once acked.
     */
    private static final class Probe {
        final PeerId target;
        final long seq;
        final long startedAt;
        boolean indirectSent;
        int nacks;

        Probe(PeerId target, long seq, long startedAt) {
            this.target = target;
            this.seq = seq;
            this.startedAt = startedAt;
        }
    }

    /**
     * A probe this node makes for {@code requester}: a Nack goes back at {@code nackAt}; a late ack is
     * still forwarded until {@code forgetAt}, since it tells the requester its suspect is slow, not dead.
     */
    private record Relay(PeerId requester, long requesterSeq, long nackAt, long forgetAt, boolean nacked) {
        long deadline() {
            return nacked ? forgetAt : nackAt;
        }
    }

    /**
     * A state machine for the local member {@code self}, alive at incarnation 0 with the given
     * addresses and version. Its roster holds only itself until {@link #addMember} is called. The
     * first {@link #tick} exchanges views with a random roster member, which is how a node joins.
     */
    public Swim(
            PeerId self,
            List<String> addresses,
            String version,
            SwimConfig config,
            SwimTransport transport,
            RandomGenerator random,
            long nowNanos) {
        this.self = self;
        this.config = config;
        this.transport = transport;
        this.random = random;
        this.table = new MemberTable(self, addresses, version, config, this::insertIntoProbeOrder);
        this.nextProbeAt = nowNanos + random.nextLong(config.probeInterval().toNanos());
        this.nextGossipAt = nowNanos;
        this.nextSyncAt = nowNanos;
    }

    // ---- roster, decided elsewhere

    /**
     * Admits {@code id} to the roster. Messages from it are heard and gossip about it is accepted
     * from now on; it enters the view when it is heard of, directly or through gossip.
     */
    public void addMember(PeerId id, List<String> addresses, String version) {
        table.admit(id, addresses, version);
    }

    /** Removes {@code id} from the roster and the view; it is ignored from now on. */
    public void removeMember(PeerId id) {
        table.remove(id);
    }

    public void addListener(SwimListener listener) {
        table.addListener(listener);
    }

    // ---- driving

    /**
     * A hint from the transport: the connection to {@code id} was lost, as it is when the member's
     * process dies and its host's kernel closes its sockets. An alive member is probed as soon as no
     * other probe is running, instead of when its turn comes; the probe decides, as any probe does,
     * so a hint alone never makes a member suspect. The hinted probe takes the place of the period's
     * next regular one, so hints never raise the probe rate above one per period plus one per hint.
     * Call {@link #tick} right after it.
     */
    public void connectionLost(PeerId id) {
        if (!table.hasLeft() && table.isAlive(id)) {
            probeFirst.add(id);
        }
    }

    /** Delivers a message from {@code from}. Ignored when {@code from} is not in the roster. */
    public void onMessage(PeerId from, SwimMessage message, long nowNanos) {
        if (table.hasLeft() || !table.inRoster(from) || from.equals(self)) {
            return;
        }
        switch (message) {
            case SwimMessage.Ping p -> {
                boolean accused = p.updates().stream().anyMatch(table::accusesSelf);
                merge(p.updates(), nowNanos);
                transport.send(from, new SwimMessage.Ack(p.seq(), accused ? refutation(from) : piggyback(from)));
            }
            case SwimMessage.PingReq r -> {
                merge(r.updates(), nowNanos);
                relay(from, r, nowNanos);
            }
            case SwimMessage.Ack a -> {
                merge(a.updates(), nowNanos);
                acked(from, a.seq(), nowNanos);
            }
            case SwimMessage.Nack n -> {
                if (probe != null && probe.seq == n.seq()) {
                    probe.nacks++;
                }
            }
            case SwimMessage.Gossip g -> merge(g.updates(), nowNanos);
            case SwimMessage.Sync s -> {
                merge(s.members().stream().map(u -> deathAsSuspicion(u, from)).toList(), nowNanos);
                if (!s.reply()) {
                    transport.send(from, new SwimMessage.Sync(true, table.snapshot()));
                }
            }
            case SwimMessage.Unknown u -> {
                // A newer peer's message type: nothing to do with it.
            }
        }
    }

    /** Runs whatever is due at {@code nowNanos}. Call it at {@link #nextTickNanos()} or more often. */
    public void tick(long nowNanos) {
        if (!table.hasLeft()) {
            for (PeerId suspect : table.expireSuspicions(nowNanos)) {
                check(suspect);
            }
            expireRelays(nowNanos);
            advanceProbe(nowNanos);
            if (probe == null && startHintedProbe(nowNanos)) {
                nextProbeAt = nowNanos + config.probeInterval().toNanos();
            } else if (nowNanos >= nextProbeAt) {
                nextProbeAt = Math.max(nextProbeAt + config.probeInterval().toNanos(), nowNanos + 1);
                startProbe(nowNanos);
            }
            antiEntropy(nowNanos);
        }
        gossip(nowNanos);
    }

    /** When {@link #tick} next has something to do; {@code Long.MAX_VALUE} when nothing is due. */
    public long nextTickNanos() {
        long next = table.hasBroadcasts() && gossipFanout() > 0 ? nextGossipAt : Long.MAX_VALUE;
        if (table.hasLeft()) {
            return next;
        }
        next = Math.min(next, Math.min(nextProbeAt, nextSyncAt));
        next = Math.min(next, table.nextSuspicionDeadline());
        if (probe != null) {
            next = Math.min(
                    next,
                    probe.startedAt
                            + (probe.indirectSent ? 2 : 1)
                                    * config.probeTimeout().toNanos());
        }
        for (Relay r : relays.values()) {
            next = Math.min(next, r.deadline());
        }
        return next;
    }

    /**
     * Leaves cleanly: this member becomes {@code left} at a higher incarnation and says so in gossip
     * pushes. It stops probing and answering; keep ticking it until {@link #leaveComplete()}.
     */
    public void leave(long nowNanos) {
        if (table.hasLeft()) {
            return;
        }
        table.leave();
        probe = null;
        relays.clear();
        nextGossipAt = nowNanos;
    }

    /** Whether this member has left and its departure has been sent as often as any update is. */
    public boolean leaveComplete() {
        return table.hasLeft() && (!table.hasPendingAboutSelf() || table.activeCount() == 0);
    }

    // ---- the view

    /** Every member in the view, this node included, in the order they were first heard of. */
    public List<Member> members() {
        return table.members();
    }

    public Optional<Member> member(PeerId id) {
        return table.member(id);
    }

    public PeerId self() {
        return self;
    }

    // ---- probing

    private void startProbe(long now) {
        nextTarget().ifPresent(target -> probe(target, now));
    }

    /** Probes the first hinted member still alive, if any; whether it did. */
    private boolean startHintedProbe(long now) {
        while (!probeFirst.isEmpty()) {
            PeerId hinted = probeFirst.removeFirst();
            if (table.isAlive(hinted)) {
                probe(hinted, now);
                return true;
            }
        }
        return false;
    }

    private void probe(PeerId target, long now) {
        probe = new Probe(target, nextSeq++, now);
        transport.send(target, new SwimMessage.Ping(probe.seq, piggyback(target)));
    }

    private void advanceProbe(long now) {
        if (probe == null) {
            return;
        }
        if (!probe.indirectSent
                && now >= probe.startedAt + config.probeTimeout().toNanos()) {
            probe.indirectSent = true;
            for (PeerId helper : table.randomAlive(random, config.indirectProbes(), probe.target)) {
                transport.send(helper, new SwimMessage.PingReq(probe.seq, probe.target, piggyback(helper)));
            }
        }
        if (now >= probe.startedAt + 2 * config.probeTimeout().toNanos()) {
            Probe done = probe;
            probe = null;
            if (table.suspect(done.target, done.nacks, now).isPresent()) {
                failedProbes.put(done.seq, done.target);
                check(done.target);
            }
        }
    }

    private void acked(PeerId from, long seq, long now) {
        if (probe != null && probe.seq == seq) {
            if (from.equals(probe.target)) {
                table.recordRtt(from, now - probe.startedAt);
            }
            probe = null;
        }
        PeerId late = failedProbes.remove(seq);
        if (late != null) {
            table.lateAck(late, now);
        }
        Relay r = relays.remove(seq);
        if (r != null) {
            transport.send(r.requester(), new SwimMessage.Ack(r.requesterSeq(), piggyback(r.requester())));
        }
    }

    private void relay(PeerId requester, SwimMessage.PingReq r, long now) {
        if (!table.inRoster(r.target()) || r.target().equals(self)) {
            return;
        }
        long seq = nextSeq++;
        // Nack before the requester's indirect phase ends, as Lifeguard does (80 % of the probe timeout).
        long nackAt = now + config.probeTimeout().toNanos() * 4 / 5;
        relays.put(
                seq,
                new Relay(
                        requester, r.seq(), nackAt, now + config.probeInterval().toNanos(), false));
        transport.send(r.target(), new SwimMessage.Ping(seq, piggyback(r.target())));
    }

    private void expireRelays(long now) {
        for (Map.Entry<Long, Relay> e : relays.entrySet()) {
            Relay r = e.getValue();
            if (!r.nacked() && r.nackAt() <= now) {
                transport.send(r.requester(), new SwimMessage.Nack(r.requesterSeq()));
                e.setValue(new Relay(r.requester(), r.requesterSeq(), r.nackAt(), r.forgetAt(), true));
            }
        }
        relays.values().removeIf(r -> r.forgetAt() <= now);
    }

    /** The next probeable member in round-robin order, reshuffling after each full round (SWIM 4.3). */
    private Optional<PeerId> nextTarget() {
        for (int pass = 0; pass < 2; pass++) {
            while (probeIndex < probeOrder.size()) {
                PeerId id = probeOrder.get(probeIndex++);
                if (table.isProbeable(id)) {
                    return Optional.of(id);
                }
            }
            probeOrder.clear();
            probeOrder.addAll(table.probeableIds());
            shuffle(probeOrder);
            probeIndex = 0;
        }
        return Optional.empty();
    }

    /** A member new to the view goes to a random place among those not yet probed this round. */
    private void insertIntoProbeOrder(PeerId id) {
        int at = probeIndex + random.nextInt(probeOrder.size() - probeIndex + 1);
        probeOrder.add(at, id);
    }

    private void shuffle(List<PeerId> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    /**
     * A whole view's "dead" about another member is taken as a suspicion by {@code from}, as
     * memberlist does: a view can be old (its sender was cut off, and holds everyone it could not
     * reach dead), and a suspicion lets the member refute where a death would not.
     */
    private MemberUpdate deathAsSuspicion(MemberUpdate u, PeerId from) {
        if (u.state() != MemberState.DEAD || u.id().equals(self)) {
            return u;
        }
        return new MemberUpdate(
                u.id(), MemberState.SUSPECT, u.incarnation(), u.addresses(), u.version(), Optional.of(from));
    }

    /**
     * A hint from outside the protocol that a member may be reachable again, as when discovery
     * hears it on the LAN: if this node holds it dead, it exchanges views with it at once, so a
     * member back from a cut or a restart need not wait for anti-entropy. Nothing else changes: the
     * member comes back only by refuting its death, as always.
     */
    public void heardOf(PeerId id) {
        Optional<Member> m = table.member(id);
        if (!table.hasLeft() && m.isPresent() && m.get().state() == MemberState.DEAD) {
            transport.send(id, new SwimMessage.Sync(false, table.snapshot()));
        }
    }

    // ---- dissemination

    private void gossip(long now) {
        if (now < nextGossipAt || !table.hasBroadcasts() || gossipFanout() == 0) {
            return;
        }
        nextGossipAt = now + config.gossipInterval().toNanos();
        for (PeerId to : table.randomAlive(random, gossipFanout(), self)) {
            List<MemberUpdate> updates = piggyback(to);
            if (updates.isEmpty()) {
                return;
            }
            transport.send(to, new SwimMessage.Gossip(updates));
        }
    }

    /** A member that has left no longer probes, so it pushes its departure even when pushes are off. */
    private int gossipFanout() {
        return table.hasLeft() ? Math.max(config.gossipFanout(), config.indirectProbes()) : config.gossipFanout();
    }

    private void antiEntropy(long now) {
        // Alone in the view, a node has not joined yet, or was cut off and holds everyone else dead:
        // it tries again every probe period, from the moment it finds itself alone.
        boolean alone = table.activeCount() <= 1;
        if (alone) {
            nextSyncAt = Math.min(nextSyncAt, now + config.probeInterval().toNanos());
        }
        if (now < nextSyncAt) {
            return;
        }
        nextSyncAt = now + (alone ? config.probeInterval() : config.antiEntropyInterval()).toNanos();
        table.randomRosterMember(random)
                .ifPresent(to -> transport.send(to, new SwimMessage.Sync(false, table.snapshot())));
    }

    /**
     * Pings a suspect with its suspicion first in the updates, so it refutes in its ack; the ack also
     * counts as a late ack, evidence of life.
     */
    private void check(PeerId suspect) {
        long seq = nextSeq++;
        failedProbes.put(seq, suspect);
        transport.send(suspect, new SwimMessage.Ping(seq, piggyback(suspect)));
    }

    /** This node's refutation first, then the usual piggyback: the answer to a message that accused it. */
    private List<MemberUpdate> refutation(PeerId to) {
        List<MemberUpdate> out = new ArrayList<>(config.maxPiggyback());
        out.add(table.selfUpdate());
        for (MemberUpdate u : piggyback(to)) {
            if (out.size() < config.maxPiggyback() && !u.id().equals(self)) {
                out.add(u);
            }
        }
        return out;
    }

    private List<MemberUpdate> piggyback(PeerId to) {
        return table.piggyback(to, config.maxPiggyback());
    }

    private void merge(List<MemberUpdate> updates, long now) {
        for (MemberUpdate u : updates) {
            table.apply(u, now);
        }
    }
}
