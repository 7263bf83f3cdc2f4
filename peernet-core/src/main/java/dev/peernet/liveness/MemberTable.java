package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The roster (who may be a member at all, decided elsewhere) and the view (what this node believes
 * about each member it has heard of), with SWIM's precedence rules and Lifeguard's suspicion timers.
 */
final class MemberTable {
    /** Random picks try this many times before falling back to a scan. */
    private static final int PICK_ATTEMPTS = 32;

    private static final class Entry {
        final PeerId id;
        MemberState state;
        long incarnation;
        List<String> addresses;
        String version;
        long rttNanos = -1;
        long suspectedAt;
        long suspicionDeadline;
        int nacks;
        boolean lateAck;
        boolean verifying;
        long nextCheckAt = Long.MAX_VALUE;
        final Set<PeerId> accusers = new HashSet<>();

        Entry(PeerId id, MemberUpdate u) {
            this.id = id;
            this.state = u.state();
            this.incarnation = u.incarnation();
            this.addresses = u.addresses();
            this.version = u.version();
        }

        MemberUpdate update(Optional<PeerId> accuser) {
            return new MemberUpdate(id, state, incarnation, addresses, version, accuser);
        }

        Member member() {
            return new Member(
                    id,
                    state,
                    incarnation,
                    addresses,
                    version,
                    rttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rttNanos)));
        }
    }

    private final PeerId self;
    private final SwimConfig config;
    private final Broadcasts broadcasts = new Broadcasts();
    private final List<SwimListener> listeners = new CopyOnWriteArrayList<>();
    private final Roster roster;
    private final Map<PeerId, Entry> view = new LinkedHashMap<>();
    private final List<PeerId> viewIds = new ArrayList<>();
    private final Map<PeerId, Entry> suspects = new LinkedHashMap<>();
    private final Consumer<PeerId> onNewMember;
    private int active;

    MemberTable(PeerId self, List<String> addresses, String version, SwimConfig config, Consumer<PeerId> onNewMember) {
        this.self = self;
        this.config = config;
        this.onNewMember = onNewMember;
        this.roster = new Roster(self, addresses, version);
        Entry me = new Entry(self, new MemberUpdate(self, MemberState.ALIVE, 0, addresses, version, Optional.empty()));
        view.put(self, me);
        viewIds.add(self);
        active = 1;
        broadcasts.add(me.update(Optional.empty()));
    }

    // ---- roster

    void admit(PeerId id, List<String> addresses, String version) {
        roster.admit(id, addresses, version);
    }

    void remove(PeerId id) {
        if (!roster.remove(id)) {
            return;
        }
        suspects.remove(id);
        broadcasts.remove(id);
        Entry e = view.remove(id);
        if (e != null) {
            viewIds.remove(id);
            if (e.state.isActive()) {
                active--;
            }
        }
    }

    boolean inRoster(PeerId id) {
        return roster.contains(id);
    }

    // ---- merging what others say

    void apply(MemberUpdate u, long now) {
        if (!roster.contains(u.id())) {
            return;
        }
        if (u.id().equals(self)) {
            applyAboutSelf(u);
            return;
        }
        Entry e = view.get(u.id());
        if (e == null) {
            e = new Entry(u.id(), u);
            fillFromRoster(e);
            view.put(u.id(), e);
            viewIds.add(u.id());
            if (u.state().isActive()) {
                active++;
            }
            enter(e, u, now);
            broadcasts.add(u);
            notify(e, Optional.empty());
            if (u.state().isActive()) {
                onNewMember.accept(u.id());
            }
        } else if (u.overrides(e.incarnation, e.state)) {
            MemberState previous = e.state;
            transition(e, u, now);
            broadcasts.add(u);
            if (previous != u.state()) {
                notify(e, Optional.of(previous));
            }
        } else if (e.state == MemberState.SUSPECT
                && u.state() == MemberState.SUSPECT
                && u.incarnation() == e.incarnation
                && u.accuser().isPresent()
                && e.accusers.add(u.accuser().get())) {
            rescheduleSuspicion(e);
            broadcasts.add(u);
        }
    }

    /** A member first heard of without addresses or version gets those of its roster entry. */
    private void fillFromRoster(Entry e) {
        roster.admission(e.id).ifPresent(a -> {
            if (e.addresses.isEmpty()) {
                e.addresses = a.addresses();
            }
            if (e.version.isEmpty()) {
                e.version = a.version();
            }
        });
    }

    /**
     * Someone says this node is suspect, dead or from an older life: raise the incarnation past it.
     * The refutation goes first in the ack of the message that carried the accusation.
     */
    private void applyAboutSelf(MemberUpdate u) {
        Entry me = view.get(self);
        if (me.state == MemberState.LEFT) {
            return;
        }
        boolean accusation = u.state() != MemberState.ALIVE;
        if ((accusation && u.incarnation() >= me.incarnation) || u.incarnation() > me.incarnation) {
            me.incarnation = u.incarnation() + 1;
            broadcasts.add(me.update(Optional.empty()));
        } else if (accusation && !broadcasts.hasPendingAbout(self)) {
            // Someone still holds an accusation this node refuted already: say it again.
            broadcasts.add(me.update(Optional.empty()));
        }
    }

    private void transition(Entry e, MemberUpdate u, long now) {
        if (e.state.isActive() != u.state().isActive()) {
            active += u.state().isActive() ? 1 : -1;
        }
        e.state = u.state();
        e.incarnation = u.incarnation();
        if (!u.addresses().isEmpty()) {
            e.addresses = u.addresses();
        }
        if (!u.version().isEmpty()) {
            e.version = u.version();
        }
        suspects.remove(e.id);
        enter(e, u, now);
    }

    private void enter(Entry e, MemberUpdate u, long now) {
        if (u.state() != MemberState.SUSPECT) {
            return;
        }
        e.accusers.clear();
        u.accuser().ifPresent(e.accusers::add);
        e.nacks = 0;
        e.lateAck = false;
        e.verifying = false;
        e.nextCheckAt = Long.MAX_VALUE;
        e.suspectedAt = now;
        suspects.put(e.id, e);
        rescheduleSuspicion(e);
    }

    private void rescheduleSuspicion(Entry e) {
        int confirmations = Math.max(0, e.accusers.size() - 1) + (e.lateAck ? 0 : e.nacks);
        long timeout = Math.max(config.suspicionTimeoutNanos(active, confirmations), answerTime(e));
        e.suspicionDeadline = e.suspectedAt + timeout;
    }

    /**
     * Time for a slow but live suspect to answer a check: as long as a probe may take (two probe
     * timeouts), or two of its round trips as this node measured them plus a probe timeout. A
     * suspicion never ends sooner, so a member that answers probes in time is not declared dead for
     * being far away, whatever the shortest suspicion timeout.
     */
    private long answerTime(Entry e) {
        long probe = 2 * config.probeTimeout().toNanos();
        return e.rttNanos < 0
                ? probe
                : Math.max(probe, 2 * e.rttNanos + config.probeTimeout().toNanos());
    }

    // ---- this node's own findings

    /**
     * This node's probe of {@code id} failed; {@code nacks} intermediaries answered that they could not
     * reach it either, each an independent confirmation. Returns the update, or empty when {@code id}
     * is not alive in the view.
     */
    Optional<MemberUpdate> suspect(PeerId id, int nacks, long now) {
        Entry e = view.get(id);
        if (e == null || e.state != MemberState.ALIVE) {
            return Optional.empty();
        }
        MemberUpdate u =
                new MemberUpdate(id, MemberState.SUSPECT, e.incarnation, e.addresses, e.version, Optional.of(self));
        apply(u, now);
        e.nacks = nacks;
        e.nextCheckAt = now + checkInterval();
        rescheduleSuspicion(e);
        return Optional.of(u);
    }

    /**
     * An ack from a suspect arrived after its probe failed, or in answer to a check: it is slow, not
     * dead. Withdraws this node's own confirmations, so the suspicion runs to the longest timeout while
     * the suspect's refutation is on its way; a check of a suspicion heard of starts over.
     */
    void lateAck(PeerId id, long now) {
        Entry e = suspects.get(id);
        if (e == null) {
            return;
        }
        e.lateAck = true;
        if (e.verifying) {
            e.verifying = false;
            e.nextCheckAt = Long.MAX_VALUE;
            e.suspectedAt = now;
        }
        rescheduleSuspicion(e);
    }

    /**
     * Ends the suspicions whose timeout has passed, and returns the suspects to ping now as a check.
     *
     * <p>A suspect this node accused itself is declared dead when its timeout passes; until then it is
     * pinged every {@link #checkInterval()}, each ping carrying the suspicion, so a live suspect's
     * refutation gets through even when some messages are lost. A suspect this node only heard of is
     * checked the same way when its timeout passes, and declared dead only if two probe timeouts of
     * checks bring no answer: a refutation can miss a node (gossip is random), so hearsay alone never
     * kills.
     */
    List<PeerId> expireSuspicions(long now) {
        List<Entry> due = new ArrayList<>();
        List<PeerId> check = new ArrayList<>();
        for (Entry e : suspects.values()) {
            if (e.suspicionDeadline <= now) {
                if (e.accusers.contains(self) || e.verifying) {
                    due.add(e);
                    continue;
                }
                e.verifying = true;
                e.suspicionDeadline = now + answerTime(e);
                e.nextCheckAt = now;
            }
            if (e.nextCheckAt <= now) {
                e.nextCheckAt = now + checkInterval();
                check.add(e.id);
            }
        }
        for (Entry e : due) {
            apply(
                    new MemberUpdate(e.id, MemberState.DEAD, e.incarnation, e.addresses, e.version, Optional.empty()),
                    now);
        }
        return check;
    }

    /** How often a suspect under check is pinged: four times per two probe timeouts. */
    private long checkInterval() {
        return config.probeTimeout().toNanos() / 2;
    }

    long nextSuspicionDeadline() {
        long next = Long.MAX_VALUE;
        for (Entry e : suspects.values()) {
            next = Math.min(next, Math.min(e.suspicionDeadline, e.nextCheckAt));
        }
        return next;
    }

    void leave() {
        Entry me = view.get(self);
        MemberState previous = me.state;
        me.incarnation++;
        me.state = MemberState.LEFT;
        active--;
        broadcasts.add(me.update(Optional.empty()));
        notify(me, Optional.of(previous));
    }

    /** Whether {@code u} says this node is suspect, dead or gone. */
    boolean accusesSelf(MemberUpdate u) {
        return u.id().equals(self) && u.state() != MemberState.ALIVE;
    }

    MemberUpdate selfUpdate() {
        return view.get(self).update(Optional.empty());
    }

    boolean hasLeft() {
        return view.get(self).state == MemberState.LEFT;
    }

    /** Smooths like TCP's SRTT: 7/8 of the old estimate plus 1/8 of the new sample. */
    void recordRtt(PeerId id, long sampleNanos) {
        Entry e = view.get(id);
        if (e != null) {
            e.rttNanos = e.rttNanos < 0 ? sampleNanos : (7 * e.rttNanos + sampleNanos) / 8;
        }
    }

    // ---- what goes out

    /**
     * Updates to piggyback on a message to {@code to}: first what this view holds against {@code to}
     * (suspect or dead), so it can refute at once, then the pending broadcasts.
     */
    List<MemberUpdate> piggyback(PeerId to, int max) {
        Entry target = view.get(to);
        boolean accused = target != null && (target.state == MemberState.SUSPECT || target.state == MemberState.DEAD);
        List<MemberUpdate> pending = broadcasts.take(accused ? max - 1 : max, config.retransmitLimit(active), to);
        if (!accused) {
            return pending;
        }
        List<MemberUpdate> out = new ArrayList<>(pending.size() + 1);
        out.add(target.update(Optional.empty()));
        out.addAll(pending);
        return out;
    }

    boolean hasBroadcasts() {
        return !broadcasts.isEmpty();
    }

    boolean hasPendingAboutSelf() {
        return broadcasts.hasPendingAbout(self);
    }

    /** The whole view, for anti-entropy. */
    List<MemberUpdate> snapshot() {
        List<MemberUpdate> out = new ArrayList<>(view.size());
        for (Entry e : view.values()) {
            out.add(e.update(Optional.empty()));
        }
        return out;
    }

    // ---- queries

    boolean isProbeable(PeerId id) {
        Entry e = view.get(id);
        return e != null && !id.equals(self) && e.state.isActive();
    }

    boolean isAlive(PeerId id) {
        Entry e = view.get(id);
        return e != null && !id.equals(self) && e.state == MemberState.ALIVE;
    }

    List<PeerId> probeableIds() {
        List<PeerId> out = new ArrayList<>(active);
        for (PeerId id : viewIds) {
            if (isProbeable(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Up to {@code count} distinct alive members other than this node and {@code except}. */
    List<PeerId> randomAlive(RandomGenerator random, int count, PeerId except) {
        List<PeerId> out = new ArrayList<>(count);
        for (int i = 0; i < PICK_ATTEMPTS * count && out.size() < count; i++) {
            PeerId id = viewIds.get(random.nextInt(viewIds.size()));
            if (isAlive(id) && !id.equals(except) && !out.contains(id)) {
                out.add(id);
            }
        }
        if (out.size() < count) {
            for (PeerId id : viewIds) {
                if (out.size() < count && isAlive(id) && !id.equals(except) && !out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** A random roster member other than this node that has not left; it may not be in the view yet. */
    Optional<PeerId> randomRosterMember(RandomGenerator random) {
        return roster.random(random, id -> {
            Entry e = view.get(id);
            return e == null || e.state != MemberState.LEFT;
        });
    }

    List<Member> members() {
        List<Member> out = new ArrayList<>(view.size());
        for (Entry e : view.values()) {
            out.add(e.member());
        }
        return out;
    }

    Optional<Member> member(PeerId id) {
        return Optional.ofNullable(view.get(id)).map(Entry::member);
    }

    int activeCount() {
        return active;
    }

    void addListener(SwimListener listener) {
        listeners.add(listener);
    }

    private void notify(Entry e, Optional<MemberState> previous) {
        Member m = e.member();
        for (SwimListener l : listeners) {
            l.memberChanged(m, previous);
        }
    }
}
