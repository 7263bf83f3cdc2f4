package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.identity.PeerId;
import dev.peernet.testkit.InMemoryNetwork;
import dev.peernet.testkit.LinkPolicy;
import dev.peernet.testkit.TestNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole nodes on the in-memory transport: the same {@link Node} as in production, started with
 * {@code network.transports()}, with no socket anywhere. That this works unchanged shows the layers
 * above the transport do not depend on TLS or TCP.
 */
@Timeout(60)
class InMemoryNodesTest {
    /** Short enough that a dead peer is noticed in about a second of real time. */
    private static final NodeConfig.Timeouts TIMEOUTS = new NodeConfig.Timeouts(
            Duration.ofMillis(200), Duration.ofMillis(800), Duration.ZERO, Duration.ofSeconds(2));

    @TempDir
    Path stateDirs;

    private final InMemoryNetwork network = InMemoryNetwork.create();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(Node::close);
    }

    /** Built without {@link NodeConfig#builder}, whose default name looks up the local host name. */
    private Node start(String name) throws IOException {
        var config = new NodeConfig(
                stateDirs.resolve(name),
                name,
                List.of(),
                List.of(),
                false,
                List.of(),
                false,
                Optional.empty(),
                TIMEOUTS,
                NodeConfig.Sharing.DEFAULTS,
                8,
                64 * 1024,
                InstantSource.system(),
                new SplittableRandom(name.hashCode()));
        Node node = Node.start(config, network.transports());
        if (!nodes.isEmpty()) {
            TestNetwork.enroll(node, nodes.getFirst());
        }
        nodes.add(node);
        return node;
    }

    private static InetSocketAddress addressOf(Node node) {
        return node.listenAddresses().getFirst();
    }

    private static List<PeerId> peerIds(Node node) {
        return node.peers().stream().map(PeerInfo::id).toList();
    }

    @Test
    void aNodeListensOnAnInMemoryAddressAtTheDefaultPort() throws IOException {
        Node a = start("alpha");

        assertThat(a.listenAddresses()).containsExactly(InetSocketAddress.createUnresolved("node-1", 7707));
    }

    @Test
    void twoNodesConnectPingEachOtherAndSeeEachOtherAsPeers() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");

        PeerInfo reached = a.connect(addressOf(b), Optional.of(b.id()));

        assertThat(reached.name()).isEqualTo("beta");
        assertThat(reached.remoteAddress()).isEqualTo("node-2:7707");
        await().atMost(Duration.ofSeconds(5)).until(() -> peerIds(b).equals(List.of(a.id())));
        assertThat(peerIds(a)).containsExactly(b.id());
        assertThat(a.ping(b.id())).isLessThan(Duration.ofSeconds(1));
        assertThat(b.ping(a.id())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void fiveNodesInAFullMeshEachSeeAndPingTheOtherFour() throws IOException {
        List<Node> mesh = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            mesh.add(start(name));
        }

        for (int i = 0; i < mesh.size(); i++) {
            for (int j = i + 1; j < mesh.size(); j++) {
                mesh.get(i)
                        .connect(addressOf(mesh.get(j)), Optional.of(mesh.get(j).id()));
            }
        }

        for (Node node : mesh) {
            List<PeerId> others = mesh.stream()
                    .map(Node::id)
                    .filter(id -> !id.equals(node.id()))
                    .toList();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(peerIds(node)).containsExactlyInAnyOrderElementsOf(others));
            for (PeerId other : others) {
                assertThat(node.ping(other)).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void aDialRefusedByTheLinkPolicyFailsWithAClearErrorAndAddsNoPeer() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");
        network.policy(a.id(), b.id(), LinkPolicy.FAIL_HANDSHAKE);

        assertThatThrownBy(() -> a.connect(addressOf(b), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessage("The handshake with node-2:7707 failed: the link's policy is FAIL_HANDSHAKE.");
        assertThat(a.peers()).isEmpty();
        assertThat(b.peers()).isEmpty();
    }

    @Test
    void aLinkLatencyShowsInThePingRoundTrip() throws IOException {
        network.defaultPolicy(LinkPolicy.delay(Duration.ofMillis(25)));
        Node a = start("alpha");
        Node b = start("beta");

        a.connect(addressOf(b), Optional.of(b.id()));

        assertThat(a.ping(b.id())).isBetween(Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    @Test
    void aDialToAStalledPeerFailsAtTheHandshakeDeadline() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");
        network.policy(a.id(), b.id(), LinkPolicy.STALL);

        assertThatThrownBy(() -> a.connect(addressOf(b), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish the handshake within 2000 ms");
        assertThat(a.peers()).isEmpty();
    }

    @Test
    void aLinkCutInTheMiddleOfAStreamClosesTheConnectionOnBothNodes() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");
        b.serve("/test/sink/1", stream -> stream.input().transferTo(java.io.OutputStream.nullOutputStream()));
        network.policy(a.id(), b.id(), LinkPolicy.dropAfter(16 * 1024));
        a.connect(addressOf(b), Optional.of(b.id()));

        a.openStream(b.id(), "/test/sink/1").output().write(new byte[64 * 1024]); // fits the window: queued

        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.peers().isEmpty() && b.peers().isEmpty());
    }

    @Test
    void aPartitionedConnectionIsDroppedAsDeadAndTheNodesReconnectOnceHealed() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");
        a.connect(addressOf(b), Optional.of(b.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.peers().size() == 1);

        network.partition(a.id(), b.id());

        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.peers().isEmpty() && b.peers().isEmpty());
        network.heal(a.id(), b.id());
        a.connect(addressOf(b), Optional.of(b.id()));
        assertThat(a.ping(b.id())).isLessThan(Duration.ofSeconds(1));
    }
}
