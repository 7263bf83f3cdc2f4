package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Direction;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeConnectionTest {
    private final TestNodes nodes;

    NodeConnectionTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aDialledNodeIsReachedAndPingedByItsProvenPeerId() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");

        PeerInfo reached = a.connect(TestNodes.addressOf(b), Optional.of(b.id()));

        assertThat(reached.id()).isEqualTo(b.id());
        assertThat(reached.name()).isEqualTo("beta");
        assertThat(reached.direction()).isEqualTo(Direction.OUTBOUND);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.peers().size() == 1);
        assertThat(b.peers().getFirst().id()).isEqualTo(a.id());
        assertThat(b.peers().getFirst().direction()).isEqualTo(Direction.INBOUND);
        assertThat(a.ping(b.id())).isPositive().isLessThan(Duration.ofSeconds(1));
        assertThat(b.ping(a.id())).isPositive();
    }

    @Test
    void dialWithAWrongExpectedPeerFailsClosed() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");
        Node c = nodes.start("gamma");

        assertThatThrownBy(() -> a.connect(TestNodes.addressOf(b), Optional.of(c.id())))
                .isInstanceOf(PeerMismatchException.class)
                .hasMessageContaining(c.id().toString())
                .hasMessageContaining(b.id().toString());
        assertThat(a.peers()).isEmpty();
    }

    @Test
    void aSecondConnectReusesTheExistingConnection() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");

        a.connect(TestNodes.addressOf(b), Optional.empty());
        a.connect(TestNodes.addressOf(b), Optional.empty());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(a.peers()).hasSize(1);
            assertThat(b.peers()).hasSize(1);
        });
    }
}
