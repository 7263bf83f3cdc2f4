package dev.peernet.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts real nodes on 127.0.0.1 for tests and closes them all afterwards. */
final class TestNodes implements AutoCloseable {
    private final List<Node> nodes = new ArrayList<>();
    private final Path root;

    TestNodes() throws IOException {
        root = Files.createTempDirectory("peernet-test");
    }

    Node start(String name) throws IOException {
        return start(name, b -> {});
    }

    Node start(String name, java.util.function.Consumer<NodeConfig.Builder> tweak) throws IOException {
        var builder = NodeConfig.builder(root.resolve(name))
                .name(name)
                .listen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .discovery(false)
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
