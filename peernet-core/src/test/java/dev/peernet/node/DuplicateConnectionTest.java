package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DuplicateConnectionTest {
    private final TestNodes nodes;

    DuplicateConnectionTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @RepeatedTest(5)
    void simultaneousDialsCollapseToTheConnectionDialledByTheLowerPeerId() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");
        CountDownLatch go = new CountDownLatch(1);

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PeerInfo> ab = pool.submit(() -> {
                go.await();
                return a.connect(TestNodes.addressOf(b), Optional.of(b.id()));
            });
            Future<PeerInfo> ba = pool.submit(() -> {
                go.await();
                return b.connect(TestNodes.addressOf(a), Optional.of(a.id()));
            });
            go.countDown();
            assertThat(ab.get().id()).isEqualTo(b.id());
            assertThat(ba.get().id()).isEqualTo(a.id());
        }

        Node lower = a.id().compareTo(b.id()) < 0 ? a : b;
        Node higher = lower == a ? b : a;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<PeerInfo> fromLower = lower.peers();
            List<PeerInfo> fromHigher = higher.peers();
            assertThat(fromLower).hasSize(1);
            assertThat(fromHigher).hasSize(1);
            assertThat(fromLower.getFirst().direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(fromHigher.getFirst().direction()).isEqualTo(Direction.INBOUND);
        });
        assertThat(a.ping(b.id())).isPositive();
        assertThat(b.ping(a.id())).isPositive();
    }
}
