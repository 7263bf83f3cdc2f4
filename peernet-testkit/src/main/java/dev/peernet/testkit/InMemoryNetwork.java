package dev.peernet.testkit;

import dev.peernet.identity.PeerId;
import dev.peernet.node.TransportFactory;
import dev.peernet.transport.SecureLink;
import dev.peernet.transport.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network in one JVM: one {@link Transport} per node identity, joined by {@link LinkPair}s whose
 * {@link LinkPolicy} is chosen per pair of peers. Node {@code k} to join lives at host {@code node-k};
 * addresses are unresolved {@link InetSocketAddress}es such as {@code node-1:7707}, so nothing is ever
 * resolved, bound or dialled. Plug it into a node with {@code Node.start(config,
 * network.transports())}.
 */
public final class InMemoryNetwork {
    /** First port handed out for port 0 and for diallers' ends, as in the IANA ephemeral range. */
    private static final int FIRST_EPHEMERAL_PORT = 49152;

    private final ScheduledExecutorService scheduler;
    private final Map<PeerId, String> hosts = new ConcurrentHashMap<>();
    private final Map<String, Listening> listeners = new ConcurrentHashMap<>();
    private final Map<Pair, LinkPolicy> policies = new ConcurrentHashMap<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger hostCount = new AtomicInteger();
    private final AtomicInteger ports = new AtomicInteger();
    private volatile LinkPolicy defaultPolicy = LinkPolicy.NONE;

    private InMemoryNetwork(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** A network whose {@link LinkPolicy.Delay} links run on a shared real-time timer. */
    public static InMemoryNetwork create() {
        return new InMemoryNetwork(SharedScheduler.get());
    }

    /** A network whose link latencies run on {@code scheduler}, such as a {@link FakeScheduler}. */
    public static InMemoryNetwork create(ScheduledExecutorService scheduler) {
        return new InMemoryNetwork(scheduler);
    }

    /** Makes each node's transport from its identity; the TLS options are not used. */
    public TransportFactory transports() {
        return (identity, options) -> transport(identity.peerId());
    }

    /** The transport of {@code peer}, for tests below the node. */
    public Transport transport(PeerId peer) {
        return new InMemoryTransport(this, peer, hostOf(peer));
    }

    /** The host name {@code peer} has in this network; a restarted node keeps its host. */
    public String hostOf(PeerId peer) {
        return hosts.computeIfAbsent(peer, p -> "node-" + hostCount.incrementAndGet());
    }

    /** The policy of new links between peers that have none of their own. */
    public void defaultPolicy(LinkPolicy policy) {
        this.defaultPolicy = policy;
    }

    /** The policy of new links between {@code a} and {@code b}, whichever dials. */
    public void policy(PeerId a, PeerId b, LinkPolicy policy) {
        policies.put(Pair.of(a, b), policy);
    }

    /** Holds bytes on every link between {@code a} and {@code b}, and on new ones, until healed. */
    public void partition(PeerId a, PeerId b) {
        policy(a, b, LinkPolicy.PARTITION);
        links(a, b).forEach(LinkPair::partition);
    }

    /** Ends a {@link #partition}: held bytes flow, new links are perfect. STALL links stay stalled. */
    public void heal(PeerId a, PeerId b) {
        policy(a, b, LinkPolicy.NONE);
        links(a, b).stream()
                .filter(l -> !(l.policy() instanceof LinkPolicy.Stall))
                .forEach(LinkPair::heal);
    }

    /** Every link made so far between {@code a} and {@code b}, open or closed, oldest first. */
    public List<LinkPair> links(PeerId a, PeerId b) {
        Pair pair = Pair.of(a, b);
        return links.stream()
                .filter(l -> l.between().equals(pair))
                .map(Link::pair)
                .toList();
    }

    // ---- used by InMemoryTransport --------------------------------------------------------------

    Transport.Listener listen(InMemoryTransport transport, int port, Transport.LinkAcceptor acceptor)
            throws BindException {
        var address = InetSocketAddress.createUnresolved(transport.host(), port == 0 ? nextEphemeralPort() : port);
        String key = key(address);
        var listening = new Listening(transport.peer(), address, acceptor);
        if (listeners.putIfAbsent(key, listening) != null) {
            throw new BindException("Cannot listen on " + key + ": another in-memory node listens there.");
        }
        return new MemoryListener(address, () -> listeners.remove(key, listening));
    }

    SecureLink dial(InMemoryTransport from, InetSocketAddress address) throws IOException {
        String where = key(address);
        Listening target = listeners.get(where);
        if (target == null) {
            throw new ConnectException("Cannot reach " + where + ": no in-memory node listens there.");
        }
        Pair between = Pair.of(from.peer(), target.peer());
        LinkPolicy policy = policies.getOrDefault(between, defaultPolicy);
        if (policy instanceof LinkPolicy.FailHandshake) {
            throw new IOException("The handshake with " + where + " failed: the link's policy is FAIL_HANDSHAKE.");
        }
        var dialler = new LinkPair.Endpoint(
                from.peer(), InetSocketAddress.createUnresolved(from.host(), nextEphemeralPort()));
        var acceptor = new LinkPair.Endpoint(target.peer(), target.address());
        LinkPair pair = LinkPair.create(dialler, acceptor, policy, scheduler);
        links.add(new Link(between, pair));
        Thread.ofVirtual()
                .name("peernet-mem-accept-" + where)
                .start(() -> target.acceptor().accept(pair.acceptor()));
        return pair.dialler();
    }

    /** Cycles through 49152-65535; a dialler's port only labels its end, so reuse is harmless. */
    private int nextEphemeralPort() {
        return FIRST_EPHEMERAL_PORT + Math.floorMod(ports.getAndIncrement(), 65536 - FIRST_EPHEMERAL_PORT);
    }

    private static String key(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private record Listening(PeerId peer, InetSocketAddress address, Transport.LinkAcceptor acceptor) {}

    private record Link(Pair between, LinkPair pair) {}

    /** Two peers, in a fixed order so that (a, b) and (b, a) are the same pair. */
    private record Pair(PeerId low, PeerId high) {
        static Pair of(PeerId a, PeerId b) {
            return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    private record MemoryListener(InetSocketAddress boundAddress, Runnable onClose) implements Transport.Listener {
        @Override
        public void close() {
            onClose.run();
        }
    }
}
