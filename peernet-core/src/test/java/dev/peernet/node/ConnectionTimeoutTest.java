package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.ping.PingProtocol;
import dev.peernet.session.Stream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConnectionTimeoutTest {
    private static final NodeConfig.Timeouts IDLE_AFTER_ONE_SECOND = new NodeConfig.Timeouts(
            Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final TestNodes nodes;

    ConnectionTimeoutTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void keepaliveMeasuresTheRoundTripSoonAfterConnecting() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");

        a.connect(TestNodes.addressOf(b), Optional.empty());

        await().atMost(Duration.ofSeconds(3))
                .until(() -> a.peers().getFirst().rtt().isPresent());
        assertThat(a.peers().getFirst().rtt().orElseThrow()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aConnectionWithoutStreamsIsClosedAfterTheIdleTimeout() throws Exception {
        Node a = nodes.start("alpha", cfg -> cfg.timeouts(IDLE_AFTER_ONE_SECOND));
        Node b = nodes.start("beta");
        a.connect(TestNodes.addressOf(b), Optional.empty());
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.peers().isEmpty() && b.peers().isEmpty());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
    }

    @Test
    void anOpenStreamKeepsAConnectionFromIdling() throws Exception {
        Node a = nodes.start("alpha", cfg -> cfg.timeouts(IDLE_AFTER_ONE_SECOND));
        Node b = nodes.start("beta");
        a.connect(TestNodes.addressOf(b), Optional.empty());

        try (Stream stream = a.openStream(b.id(), PingProtocol.NAME)) {
            Thread.sleep(2000);
            assertThat(a.peers()).hasSize(1);
            assertThat(PingProtocol.probe(stream)).isPositive();
        }
    }
}
