package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.Member;
import dev.peernet.liveness.MemberState;
import dev.peernet.testkit.InMemoryNetwork;
import dev.peernet.testkit.TestNetwork;
import java.io.IOException;
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

/** The failure detector running in real nodes, over the in-memory network's links. */
@Timeout(60)
class LivenessNodesTest {
    private static final NodeConfig.Timeouts TIMEOUTS =
            new NodeConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ZERO, Duration.ofSeconds(3));

    @TempDir
    Path stateDirs;

    private final InMemoryNetwork network = InMemoryNetwork.create();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(Node::close);
    }

    private Node start(String name) throws IOException {
        var config = new NodeConfig(
                stateDirs.resolve(name),
                name,
                List.of(),
                List.of(),
                false,
                List.of(),
                true,
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

    private static Optional<MemberState> stateOf(Node viewer, PeerId member) {
        return viewer.view().stream()
                .filter(m -> m.id().equals(member))
                .map(Member::state)
                .findFirst();
    }

    private List<Node> threeMembersAllAlive() throws IOException {
        Node a = start("alpha");
        Node b = start("beta");
        Node c = start("gamma");
        b.connect(a.listenAddresses().getFirst(), Optional.of(a.id()));
        c.connect(a.listenAddresses().getFirst(), Optional.of(a.id()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (Node viewer : List.of(a, b, c)) {
                for (Node member : List.of(a, b, c)) {
                    assertThat(stateOf(viewer, member.id()))
                            .as("%s sees %s", viewer.name(), member.name())
                            .contains(MemberState.ALIVE);
                }
            }
        });
        return List.of(a, b, c);
    }

    @Test
    void membersOfOneNetworkSeeEachOtherAliveWithAddressesAndRtt() throws IOException {
        List<Node> all = threeMembersAllAlive();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Member seen = all.get(1).view().stream()
                    .filter(m -> m.id().equals(all.get(2).id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(seen.addresses()).isNotEmpty();
            assertThat(seen.version()).isEqualTo("peernet/1");
            assertThat(seen.rtt()).isPresent();
        });
    }

    @Test
    void aMemberCutOffFromTheOthersIsDeclaredDeadByBoth() throws IOException {
        List<Node> all = threeMembersAllAlive();
        Node a = all.get(0);
        Node b = all.get(1);
        Node c = all.get(2);

        network.partition(a.id(), c.id());
        network.partition(b.id(), c.id());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(stateOf(a, c.id())).contains(MemberState.DEAD);
            assertThat(stateOf(b, c.id())).contains(MemberState.DEAD);
        });
        assertThat(stateOf(a, b.id())).as("no false death").contains(MemberState.ALIVE);
    }

    @Test
    void aCleanStopIsSeenAsLeftNotDead() throws IOException {
        List<Node> all = threeMembersAllAlive();

        all.get(2).close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(stateOf(all.get(0), all.get(2).id())).contains(MemberState.LEFT);
            assertThat(stateOf(all.get(1), all.get(2).id())).contains(MemberState.LEFT);
        });
    }
}
