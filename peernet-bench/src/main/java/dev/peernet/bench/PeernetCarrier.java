package dev.peernet.bench;

import dev.peernet.bench.Sink.Drained;
import dev.peernet.membership.MembershipException;
import dev.peernet.node.Node;
import dev.peernet.node.NodeConfig;
import dev.peernet.node.PeerInfo;
import dev.peernet.session.Stream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Two Peernet nodes on 127.0.0.1, one connection between them, and a fresh stream of the sink
 * protocol per transfer: the whole library path (TLS, framing, mux, flow control, handler threads).
 */
final class PeernetCarrier implements Carrier {
    static final String SINK_PROTOCOL = "/peernet/bench/sink/1";

    private final Path stateRoot;
    private final Node sender;
    private final Node receiver;
    private final PeerInfo link;
    private final int window;
    /** Sinks waiting for their stream; transfers run one at a time, so the order always matches. */
    private final BlockingQueue<CompletableFuture<Drained>> pending;

    private PeernetCarrier(
            Path stateRoot,
            Node sender,
            Node receiver,
            PeerInfo link,
            int window,
            BlockingQueue<CompletableFuture<Drained>> pending) {
        this.stateRoot = stateRoot;
        this.sender = sender;
        this.receiver = receiver;
        this.link = link;
        this.window = window;
        this.pending = pending;
    }

    /** Starts both nodes, serves the sink on the receiver, and connects the sender to it. */
    static PeernetCarrier start(OptionalInt window) throws IOException {
        Path root = Files.createTempDirectory("peernet-bench-");
        List<Node> started = new ArrayList<>();
        try {
            NodeConfig receiverConfig = config(root, "b", window);
            Node receiver = started(started, receiverConfig);
            Node sender = started(started, config(root, "a", window));
            BlockingQueue<CompletableFuture<Drained>> pending = new LinkedBlockingQueue<>();
            receiver.serve(SINK_PROTOCOL, stream -> sink(stream, pending));
            InetSocketAddress address = receiver.listenAddresses().get(0);
            try { // only members may open the sink's streams
                sender.join(receiver.invite(Duration.ofMinutes(1), 1, List.of(address)));
            } catch (MembershipException e) {
                throw new IOException(e.getMessage(), e);
            }
            PeerInfo link = sender.connect(address, Optional.of(receiver.id()));
            return new PeernetCarrier(root, sender, receiver, link, receiverConfig.initialWindow(), pending);
        } catch (IOException | RuntimeException e) {
            started.reversed().forEach(Node::close);
            try {
                deleteTree(root);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static NodeConfig config(Path root, String name, OptionalInt window) {
        NodeConfig.Builder builder = NodeConfig.builder(root.resolve(name))
                .name(name)
                .listen(List.of(Loopback.anyPort()))
                .discovery(false)
                .liveness(false); // a pure transport measurement: no membership traffic on the link
        window.ifPresent(builder::initialWindow);
        return builder.build();
    }

    private static Node started(List<Node> started, NodeConfig config) throws IOException {
        Node node = Node.start(config);
        started.add(node);
        return node;
    }

    private static void sink(Stream stream, BlockingQueue<CompletableFuture<Drained>> pending) throws IOException {
        CompletableFuture<Drained> result = pending.poll();
        if (result == null) {
            throw new IOException("A sink stream arrived that no transfer opened.");
        }
        Sink.serve(stream.input(), stream.output(), result);
    }

    @Override
    public Connection open() throws IOException {
        CompletableFuture<Drained> drained = new CompletableFuture<>();
        pending.add(drained);
        try {
            Stream stream = sender.openStream(receiver.id(), SINK_PROTOCOL);
            return new Connection(stream.input(), stream.output(), stream.output(), stream, drained);
        } catch (IOException | RuntimeException e) {
            pending.removeIf(f -> f == drained);
            throw e;
        }
    }

    @Override
    public String description() {
        return "2 nodes on 127.0.0.1, connection to " + link.remoteAddress() + ", session protocol v"
                + link.protocolVersion() + ", one " + SINK_PROTOCOL + " stream per transfer, receive window "
                + ByteSize.format(window);
    }

    @Override
    public void close() throws IOException {
        try {
            sender.close();
        } finally {
            receiver.close();
            deleteTree(stateRoot);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
