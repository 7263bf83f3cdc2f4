package dev.peernet.testkit.sim;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MalformedSwimMessageException;
import dev.peernet.liveness.Member;
import dev.peernet.liveness.MemberState;
import dev.peernet.liveness.Swim;
import dev.peernet.liveness.SwimCodec;
import dev.peernet.liveness.SwimConfig;
import dev.peernet.liveness.SwimMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A discrete-event simulation of many {@link Swim} nodes in virtual time, over an in-memory network
 * that loses, delays and partitions messages. Every message goes through the real {@link SwimCodec},
 * so the byte counts are what the wire would carry. One seed gives one run, exactly: there is no
 * thread, no clock and no randomness but the seeded generator.
 *
 * <p>Nodes join through the roster calls ({@link Swim#addMember}) plus gossip: a joining node is
 * admitted at every node, is given every member's roster entry, and then finds its way into the
 * views by exchanging state with a random member.
 */
public final class SwimSimulation {
    /** Every change of state in any node's view, in order. */
    public record Change(long atNanos, PeerId observer, Member member, Optional<MemberState> previous) {}

    /** One message as it arrives, for tests and reports that look inside the traffic. */
    public record Delivery(long atNanos, PeerId from, PeerId to, SwimMessage message) {}

    /** Guards against a run that schedules without end; far above any run the tests or benchmark make. */
    private static final long MAX_EVENTS = 500_000_000L;

    private static final String VERSION = "peernet/0.1.0";

    /** A tick of {@code node} when {@code bytes} is null, else a delivery; events are never compared. */
    @SuppressWarnings("ArrayRecordComponent")
    private record Event(long at, long seq, PeerId node, PeerId from, byte[] bytes) {}

    private static final class Node {
        final Swim swim;
        final int index;
        boolean running = true;
        boolean leaving;
        long scheduledTick = Long.MAX_VALUE;
        long extraDelayNanos;
        long messagesSent;
        long bytesSent;
        long messagesReceived;
        /** The nodes it has exchanged a message with: those it holds a connection to. */
        final Set<PeerId> connected = new HashSet<>();

        Node(Swim swim, int index) {
            this.swim = swim;
            this.index = index;
        }
    }

    private final SplittableRandom random;
    private final SwimConfig config;
    private final PriorityQueue<Event> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Map<PeerId, Node> nodes = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Consumer<Delivery>> deliveryListeners = new ArrayList<>();
    private Set<PeerId> partitionSide = Set.of();
    private long now;
    private long eventSeq;
    private long events;
    private double loss;
    private long baseDelayNanos = Duration.ofMillis(1).toNanos();
    private long jitterNanos = Duration.ofMillis(4).toNanos();

    public SwimSimulation(long seed, SwimConfig config) {
        this.random = new SplittableRandom(seed);
        this.config = config;
    }

    // ---- the network

    /** Each message is lost with this probability, independently. */
    public void setLoss(double probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("a loss probability is in [0, 1), not " + probability);
        }
        this.loss = probability;
    }

    /** Every message takes {@code base} plus a uniform random share of {@code jitter}. */
    public void setLatency(Duration base, Duration jitter) {
        this.baseDelayNanos = base.toNanos();
        this.jitterNanos = jitter.toNanos();
    }

    /** Every message to or from {@code node} takes {@code extra} longer: a slow node. */
    public void setExtraDelay(PeerId node, Duration extra) {
        node(node).extraDelayNanos = extra.toNanos();
    }

    /** Drops every message between {@code side} and the other nodes until {@link #heal()}. */
    public void partition(Collection<PeerId> side) {
        this.partitionSide = Set.copyOf(side);
    }

    public void heal() {
        this.partitionSide = Set.of();
    }

    // ---- the nodes

    /** Starts a node now and joins it: admitted everywhere, it then syncs with a random member. */
    public PeerId join() {
        byte[] key = new byte[PeerId.KEY_BYTES];
        random.nextBytes(key);
        PeerId id = PeerId.ofKeyBytes(key);
        int index = nodes.size();
        Swim swim = new Swim(
                id,
                List.of(address(index)),
                VERSION,
                config,
                (to, m) -> send(id, to, m),
                new SplittableRandom(random.nextLong()),
                now);
        swim.addListener((member, previous) -> changes.add(new Change(now, id, member, previous)));
        for (Map.Entry<PeerId, Node> other : nodes.entrySet()) {
            swim.addMember(other.getKey(), List.of(address(other.getValue().index)), VERSION);
            other.getValue().swim.addMember(id, List.of(address(index)), VERSION);
        }
        Node node = new Node(swim, index);
        nodes.put(id, node);
        reschedule(id, node);
        return id;
    }

    /** Joins {@code count} nodes, {@code apart} after one another, running the network meanwhile. */
    public List<PeerId> join(int count, Duration apart) {
        List<PeerId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(join());
            runFor(apart);
        }
        return ids;
    }

    /** The node stops silently: it sends nothing more and what is sent to it is lost. */
    public void crash(PeerId id) {
        node(id).running = false;
    }

    /**
     * The node's process dies: it goes silent as in {@link #crash}, but its host's kernel closes its
     * connections, so every running node connected to it hears the connection lost one message
     * delay later ({@link Swim#connectionLost}).
     */
    public void kill(PeerId id) {
        Node victim = node(id);
        victim.running = false;
        for (PeerId peer : victim.connected) {
            Node n = nodes.get(peer);
            if (n != null && n.running) {
                queue.add(
                        new Event(now + baseDelayNanos + random.nextLong(jitterNanos + 1), eventSeq++, peer, id, null));
            }
        }
    }

    /** The node leaves cleanly; it keeps running until its departure has been disseminated. */
    public void leave(PeerId id) {
        Node node = node(id);
        node.leaving = true;
        node.swim.leave(now);
        reschedule(id, node);
    }

    /** Removes {@code id} from every node's roster, as a revoked membership record would. */
    public void removeFromRoster(PeerId id) {
        for (Node n : nodes.values()) {
            n.swim.removeMember(id);
        }
    }

    // ---- running

    public void runFor(Duration d) {
        runUntilNanos(now + d.toNanos());
    }

    /**
     * Runs until {@code done} holds, checking every {@code checkEvery}, for at most {@code max}.
     * Returns whether it held.
     */
    public boolean runUntil(BooleanSupplier done, Duration checkEvery, Duration max) {
        long end = now + max.toNanos();
        while (now < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            runUntilNanos(Math.min(end, now + checkEvery.toNanos()));
        }
        return done.getAsBoolean();
    }

    private void runUntilNanos(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            if (++events > MAX_EVENTS) {
                throw new IllegalStateException("simulation ran " + MAX_EVENTS + " events; a node ticks without end");
            }
            Event e = queue.poll();
            now = e.at;
            Node node = nodes.get(e.node);
            if (!node.running) {
                continue;
            }
            if (e.bytes == null && e.from != null) {
                node.swim.connectionLost(e.from);
                node.swim.tick(now);
                reschedule(e.node, node);
            } else if (e.bytes == null) {
                tick(e, node);
            } else {
                deliver(e, node);
            }
        }
        now = Math.max(now, end);
    }

    private void tick(Event e, Node node) {
        if (e.at != node.scheduledTick) {
            return;
        }
        node.scheduledTick = Long.MAX_VALUE;
        node.swim.tick(now);
        if (node.leaving && node.swim.leaveComplete()) {
            node.running = false;
            return;
        }
        reschedule(e.node, node);
    }

    private void deliver(Event e, Node node) {
        SwimMessage m;
        try {
            m = SwimCodec.decode(e.bytes);
        } catch (MalformedSwimMessageException ex) {
            throw new IllegalStateException("the codec could not read its own output", ex);
        }
        node.messagesReceived++;
        for (Consumer<Delivery> l : deliveryListeners) {
            l.accept(new Delivery(now, e.from, e.node, m));
        }
        node.swim.onMessage(e.from, m, now);
        reschedule(e.node, node);
    }

    private void reschedule(PeerId id, Node node) {
        long next = Math.max(node.swim.nextTickNanos(), now + 1);
        if (next < node.scheduledTick && next != Long.MAX_VALUE) {
            node.scheduledTick = next;
            queue.add(new Event(next, eventSeq++, id, null, null));
        }
    }

    private void send(PeerId from, PeerId to, SwimMessage m) {
        Node sender = nodes.get(from);
        Node receiver = nodes.get(to);
        byte[] bytes = SwimCodec.encode(m);
        sender.messagesSent++;
        sender.bytesSent += bytes.length;
        if (receiver != null && sender.connected.add(to)) {
            receiver.connected.add(from);
        }
        if (receiver == null
                || random.nextDouble() < loss
                || partitionSide.contains(from) != partitionSide.contains(to)) {
            return;
        }
        long delay =
                baseDelayNanos + random.nextLong(jitterNanos + 1) + sender.extraDelayNanos + receiver.extraDelayNanos;
        queue.add(new Event(now + delay, eventSeq++, to, from, bytes));
    }

    // ---- observing

    public long nowNanos() {
        return now;
    }

    /** Nodes that run and have not begun to leave. */
    public List<PeerId> running() {
        List<PeerId> out = new ArrayList<>();
        nodes.forEach((id, n) -> {
            if (n.running && !n.leaving) {
                out.add(id);
            }
        });
        return out;
    }

    public List<PeerId> all() {
        return List.copyOf(nodes.keySet());
    }

    /** {@code observer}'s view. */
    public List<Member> view(PeerId observer) {
        return node(observer).swim.members();
    }

    /** What {@code observer} holds about {@code subject}; empty when it has not heard of it. */
    public Optional<MemberState> stateOf(PeerId observer, PeerId subject) {
        return node(observer).swim.member(subject).map(Member::state);
    }

    /** Whether every running node other than {@code subject} holds {@code subject} in {@code state}. */
    public boolean allRunningSee(PeerId subject, MemberState state) {
        for (PeerId observer : running()) {
            if (!observer.equals(subject) && stateOf(observer, subject).orElse(null) != state) {
                return false;
            }
        }
        return true;
    }

    /** Whether every running node's view holds exactly the running nodes as alive. */
    public boolean converged() {
        List<PeerId> up = running();
        for (PeerId observer : up) { // cheap early exit, the usual answer while polling
            for (PeerId subject : up) {
                if (stateOf(observer, subject).orElse(null) != MemberState.ALIVE) {
                    return false;
                }
            }
        }
        Set<PeerId> expected = new HashSet<>(up);
        for (PeerId observer : expected) {
            Set<PeerId> alive = new HashSet<>();
            for (Member m : view(observer)) {
                if (m.state() == MemberState.ALIVE) {
                    alive.add(m.id());
                }
            }
            if (!alive.equals(expected)) {
                return false;
            }
        }
        return true;
    }

    /** Calls {@code listener} with every message delivered from now on. */
    public void onDelivery(Consumer<Delivery> listener) {
        deliveryListeners.add(listener);
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** How many times a running node declared another running node dead. */
    public long falseDeaths() {
        Set<PeerId> up = new HashSet<>(running());
        return changes.stream()
                .filter(c -> c.member().state() == MemberState.DEAD)
                .filter(c -> up.contains(c.member().id()) && up.contains(c.observer()))
                .count();
    }

    public void clearChanges() {
        changes.clear();
    }

    public long messagesSent(PeerId id) {
        return node(id).messagesSent;
    }

    public long bytesSent(PeerId id) {
        return node(id).bytesSent;
    }

    public long messagesReceived(PeerId id) {
        return node(id).messagesReceived;
    }

    private Node node(PeerId id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id.shortForm() + " in this simulation");
        }
        return n;
    }

    private static String address(int index) {
        return "10." + (index >> 16 & 0xff) + "." + (index >> 8 & 0xff) + "." + (index & 0xff) + ":7707";
    }
}
