package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MalformedSwimMessageException;
import dev.peernet.liveness.Member;
import dev.peernet.liveness.MemberState;
import dev.peernet.liveness.Swim;
import dev.peernet.liveness.SwimCodec;
import dev.peernet.liveness.SwimConfig;
import dev.peernet.liveness.SwimMessage;
import dev.peernet.liveness.SwimTransport;
import dev.peernet.membership.Membership;
import dev.peernet.membership.Roster;
import dev.peernet.session.Stream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SWIM failure detector ({@link Swim}) for the node's network: one thread owns the state
 * machine (ticks and received messages), the roster comes from the signed membership records, and
 * messages travel on a {@value #PROTOCOL} stream per peer, dialling members at the addresses they
 * announced. A send never blocks the state machine: each peer has a small queue, dropped when full,
 * as a datagram would be.
 */
final class MemberLiveness implements SwimTransport {
    private static final Logger log = LoggerFactory.getLogger(MemberLiveness.class);

    /** Members only: outsiders are refused by the membership gate. */
    static final String PROTOCOL = "/peernet/swim/1";

    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int QUEUE_PER_PEER = 64;

    private final Node node;
    private final Membership membership;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("peernet-swim").daemon().factory());
    private final Map<PeerId, BlockingQueue<byte[]>> outboxes = new ConcurrentHashMap<>();
    private final Swim swim;
    private volatile List<Member> view = List.of();
    private volatile boolean stopped;

    MemberLiveness(Node node, Membership membership, SwimConfig config, RandomGenerator random, LongSupplier nanoTime) {
        this.node = node;
        this.membership = membership;
        this.nanoTime = nanoTime;
        this.swim = new Swim(node.id(), addresses(), version(), config, this, random, nanoTime.getAsLong());
        swim.addListener((member, previous) -> {
            view = swim.members();
            if (previous.isPresent()
                    && previous.get() != member.state()
                    && !member.id().equals(node.id())) {
                log.info(
                        "Member {} is {} (was {}).",
                        member.id().shortForm(),
                        member.state().text(),
                        previous.get().text());
            }
        });
    }

    void start() {
        loop.execute(() -> rosterChanged(membership.roster()));
        membership.onChange(roster -> loop.execute(() -> rosterChanged(roster)));
        loop.execute(this::tick);
    }

    /** What other members dial: not loopback or link-local ones while there are others. */
    private List<String> addresses() {
        return node.dialableAddresses().stream().map(HostPort::format).toList();
    }

    private static String version() {
        return "peernet/" + dev.peernet.session.SessionConfig.PROTOCOL_VERSION;
    }

    /**
     * Follows the signed roster. A node removed from its network keeps nobody in its roster, so it
     * stops probing and syncing with members that would refuse it anyway.
     */
    private void rosterChanged(Roster roster) {
        boolean removed = !roster.isMember(node.id());
        Set<PeerId> inView = new java.util.HashSet<>();
        swim.members().forEach(m -> inView.add(m.id()));
        for (var member : roster.members()) {
            if (!removed && !member.id().equals(node.id())) {
                swim.addMember(member.id(), List.of(), "");
            }
        }
        for (PeerId id : inView) {
            if (!id.equals(node.id()) && (removed || !roster.isMember(id))) {
                swim.removeMember(id);
                outboxes.remove(id);
                node.addressBook().forget(id);
            }
        }
        view = swim.members();
    }

    /** Keeps where the alive members say they listen, for finding them after a restart ({@link AddressBook}). */
    private void rememberAddresses(List<Member> members) {
        for (Member m : members) {
            if (m.state() == MemberState.ALIVE
                    && !m.id().equals(node.id())
                    && !m.addresses().isEmpty()) {
                node.addressBook().remember(m.id(), m.addresses());
            }
        }
    }

    /** One tick, then the next one scheduled: the loop's own chain of ticks. */
    private void tick() {
        if (stopped) {
            return;
        }
        tickNow();
        long delay = Math.max(1_000_000, swim.nextTickNanos() - nanoTime.getAsLong());
        try {
            var unused = loop.schedule(this::tick, Math.min(delay, 100_000_000), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** The connection to {@code peer} is gone: probe it now rather than in its turn ({@link Swim#connectionLost}). */
    void connectionLost(PeerId peer) {
        if (stopped) {
            return;
        }
        try {
            loop.execute(() -> {
                swim.connectionLost(peer);
                tickNow();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Runs what is due now, outside the chain of scheduled ticks (which runs at least every 100 ms). */
    private void tickNow() {
        try {
            swim.tick(nanoTime.getAsLong());
            view = swim.members();
        } catch (RuntimeException e) {
            log.warn("The failure detector failed a tick: {}", e.toString());
        }
    }

    /** Discovery heard {@code peer} on the LAN: a member held dead may be back ({@link Swim#heardOf}). */
    void heardOf(PeerId peer) {
        if (stopped) {
            return;
        }
        try {
            loop.execute(() -> swim.heardOf(peer));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** The current view: every member with its state, addresses, version and RTT. */
    List<Member> view() {
        return view;
    }

    // ---- sending -------------------------------------------------------------------------------

    @Override
    public void send(PeerId to, SwimMessage message) {
        if (stopped) {
            return;
        }
        byte[] bytes = SwimCodec.encode(message);
        BlockingQueue<byte[]> outbox = outboxes.get(to);
        if (outbox == null) {
            var fresh = new ArrayBlockingQueue<byte[]>(QUEUE_PER_PEER);
            outbox = outboxes.putIfAbsent(to, fresh);
            if (outbox == null) { // the sender starts only once its queue is in the map it checks
                outbox = fresh;
                Thread.ofVirtual().name("peernet-swim-to-" + to.shortForm()).start(() -> drain(to, fresh));
            }
        }
        if (!outbox.offer(bytes)) {
            log.debug("Dropped a liveness message to {}: its queue is full.", to.shortForm());
        }
    }

    private void drain(PeerId to, BlockingQueue<byte[]> outbox) {
        Stream stream = null;
        while (!stopped && outboxes.get(to) == outbox) {
            byte[] message;
            try {
                message = outbox.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (message == null) {
                continue;
            }
            try {
                if (stream == null) {
                    stream = open(to);
                }
                var out = new DataOutputStream(stream.output());
                out.writeInt(message.length);
                out.write(message);
            } catch (IOException e) {
                log.debug("A liveness message to {} was lost: {}", to.shortForm(), e.getMessage());
                if (stream != null) {
                    stream.close();
                }
                stream = null; // lost, as a datagram would be; the next message dials again
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    private Stream open(PeerId to) throws IOException {
        MemberDialer.connect(node, to, knownAddresses(to));
        return node.openStream(to, PROTOCOL);
    }

    private List<InetSocketAddress> knownAddresses(PeerId peer) {
        List<InetSocketAddress> out = new ArrayList<>();
        swim.member(peer)
                .ifPresent(m -> m.addresses().forEach(a -> MemberDialer.parse(a).ifPresent(out::add)));
        return MemberDialer.withHeardAndRemembered(node, peer, out);
    }

    // ---- receiving -----------------------------------------------------------------------------

    /** Serves {@value #PROTOCOL}: hands each message to the state machine's thread. */
    void serve(Stream stream) throws IOException {
        var in = new DataInputStream(stream.input());
        PeerId from = stream.remotePeer();
        while (!stopped) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return;
            }
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                stream.reset(dev.peernet.wire.ErrorCode.PROTOCOL_ERROR, "a liveness message of " + length + " bytes");
                return;
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                return;
            }
            SwimMessage message;
            try {
                message = SwimCodec.decode(bytes);
            } catch (MalformedSwimMessageException e) {
                log.debug("Dropped a malformed liveness message from {}: {}", from.shortForm(), e.getMessage());
                continue;
            }
            loop.execute(() -> {
                swim.onMessage(from, message, nanoTime.getAsLong());
                view = swim.members(); // RTTs and addresses change without a state change
                rememberAddresses(view);
            });
        }
    }

    // ---- stopping ------------------------------------------------------------------------------

    /** Leaves cleanly, so the others see "left" rather than a death, then stops. */
    void leaveAndStop(long maxWaitMillis) {
        try {
            loop.submit(() -> swim.leave(nanoTime.getAsLong())).get(1, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            while (System.nanoTime() < deadline
                    && !loop.submit(swim::leaveComplete).get(1, TimeUnit.SECONDS)) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            log.debug("Leaving the network cleanly did not finish: {}", e.toString());
        }
        stopped = true;
        loop.shutdownNow();
    }
}
