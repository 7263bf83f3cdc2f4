package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import dev.peernet.node.HostPort;
import dev.peernet.node.PeerInfo;
import dev.peernet.node.PeerMismatchException;
import dev.peernet.session.Direction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node in memory: peers "listen" at addresses registered with {@link #reachable}; connecting to
 * one adds it to {@link #peers()}, pinging it answers with its registered round-trip time.
 */
public final class FakeNodeControl implements NodeControl {
    public static final Instant STARTED = Instant.parse("2025-01-02T03:04:05Z");

    private final PeerId id;
    private final String name;
    private final List<PeerInfo> peers = new CopyOnWriteArrayList<>();
    private final Map<String, PeerInfo> reachable = new ConcurrentHashMap<>();
    private final Map<PeerId, Duration> rtts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public FakeNodeControl(String name, long seed) {
        this.id = peerId(seed);
        this.name = name;
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
    public void close() {
        closed = true;
    }
}
