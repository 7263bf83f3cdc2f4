package dev.peernet.node;

import dev.peernet.membership.MembershipException;
import dev.peernet.membership.NetworkId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts real nodes on 127.0.0.1 for tests and closes them all afterwards. (The testkit's
 * TestNetwork does the same enrolment for the testkit's tests; core's tests cannot depend on it.)
 */
final class TestNodes implements AutoCloseable {
    private final List<Node> nodes = new ArrayList<>();
    private final Path root;
    private NetworkId network;

    TestNodes() throws IOException {
        root = Files.createTempDirectory("peernet-test");
    }

    Node start(String name) throws IOException {
        return start(name, b -> {});
    }

    /**
     * Starts a node in the tests' network: the first node started founds it, and each later one
     * joins it with a real invite, then drops that connection, so tests begin unconnected.
     */
    Node start(String name, java.util.function.Consumer<NodeConfig.Builder> tweak) throws IOException {
        Node node = startOutsider(name, tweak);
        if (network == null) {
            network = node.network().networkId();
        } else if (!node.network().networkId().equals(network)) {
            enroll(node);
        }
        return node;
    }

    /** Starts a node that stays in a network of its own. */
    Node startOutsider(String name) throws IOException {
        return startOutsider(name, b -> {});
    }

    private void enroll(Node node) throws IOException {
        Node inviter = nodes.stream()
                .filter(n ->
                        n != node && n.isRunning() && n.network().networkId().equals(network))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running node of the tests' network to invite"));
        try {
            node.join(inviter.invite(Duration.ofMinutes(1), 1, List.of(addressOf(inviter))));
        } catch (MembershipException e) {
            throw new IOException(e.getMessage(), e);
        }
        node.disconnect(inviter.id());
        awaitDisconnected(node, inviter);
    }

    private static void awaitDisconnected(Node node, Node founder) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((!node.peers().isEmpty() || !founder.peers().isEmpty()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    Node startOutsider(String name, java.util.function.Consumer<NodeConfig.Builder> tweak) throws IOException {
        var builder = NodeConfig.builder(root.resolve(name))
                .name(name)
                .listen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .discovery(false)
                .liveness(false) // these tests are about connections; LivenessTest turns it on
                .timeouts(new NodeConfig.Timeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ZERO, Duration.ofSeconds(3)));
        tweak.accept(builder);
        Node node = Node.start(builder.build());
        nodes.add(node);
        return node;
    }

    static InetSocketAddress addressOf(Node node) {
        return node.listenAddresses().getFirst();
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
    }
}
