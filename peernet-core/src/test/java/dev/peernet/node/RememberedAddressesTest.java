package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.Member;
import dev.peernet.liveness.MemberState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members find each other again after a restart at the addresses they were last known at, with no
 * discovery and no {@code --peer}: before, two members joined by an invite and both restarted
 * held each other dead for good.
 */
@Timeout(90)
class RememberedAddressesTest {
    @TempDir
    Path stateDirs;

    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(Node::close);
    }

    private Node start(String name, int port) throws IOException {
        Node node = Node.start(NodeConfig.builder(stateDirs.resolve(name))
                .name(name)
                .listen(List.of(new InetSocketAddress("127.0.0.1", port)))
                .discovery(false)
                .liveness(true)
                .timeouts(new NodeConfig.Timeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ZERO, Duration.ofSeconds(3)))
                .build());
        nodes.add(node);
        return node;
    }

    private void stop(Node node) {
        node.close();
        nodes.remove(node);
    }

    @Test
    void twoMembersJoinedByAnInviteFindEachOtherAfterBothRestart() throws Exception {
        int alphaPort = freePort();
        int betaPort = freePort();
        Node alpha = start("alpha", alphaPort);
        Node beta = start("beta", betaPort);
        beta.join(alpha.invite(Duration.ofMinutes(1), 1, List.of(TestNodes.addressOf(alpha))));
        awaitAliveWithAddresses(alpha, beta);
        awaitAliveWithAddresses(beta, alpha);
        PeerId alphaId = alpha.id();
        PeerId betaId = beta.id();

        stop(alpha);
        stop(beta);
        Node alphaAgain = start("alpha", alphaPort);
        Node betaAgain = start("beta", betaPort);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stateOf(betaAgain, alphaId)).as("beta sees alpha").contains(MemberState.ALIVE);
            assertThat(stateOf(alphaAgain, betaId)).as("alpha sees beta").contains(MemberState.ALIVE);
        });
    }

    @Test
    void aNodeStoppedRightAfterJoiningFindsItsInviterAtTheInvitesAddress() throws Exception {
        Node alpha = start("alpha", freePort());
        int betaPort = freePort();
        Node beta = start("beta", betaPort);
        beta.join(alpha.invite(Duration.ofMinutes(1), 1, List.of(TestNodes.addressOf(alpha))));
        stop(beta);

        Node betaAgain = start("beta", betaPort);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stateOf(betaAgain, alpha.id())).contains(MemberState.ALIVE));
        assertThat(betaAgain.session(alpha.id())).isPresent();
    }

    @Test
    void aRemovedMemberIsForgotten() throws Exception {
        Node alpha = start("alpha", freePort());
        Node beta = start("beta", freePort());
        beta.join(alpha.invite(Duration.ofMinutes(1), 1, List.of(TestNodes.addressOf(alpha))));
        awaitAliveWithAddresses(alpha, beta);
        assertThat(alpha.addressBook().addressesOf(beta.id())).isNotEmpty();

        alpha.remove(beta.id().toString(), "test");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(alpha.addressBook().addressesOf(beta.id())).isEmpty());
    }

    private static void awaitAliveWithAddresses(Node viewer, Node member) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Optional<Member> seen = viewer.view().stream()
                    .filter(m -> m.id().equals(member.id()))
                    .findFirst();
            assertThat(seen).hasValueSatisfying(m -> {
                assertThat(m.state()).isEqualTo(MemberState.ALIVE);
                assertThat(m.addresses()).isNotEmpty();
            });
            assertThat(viewer.addressBook().addressesOf(member.id())).isNotEmpty();
        });
    }

    private static Optional<MemberState> stateOf(Node viewer, PeerId member) {
        return viewer.view().stream()
                .filter(m -> m.id().equals(member))
                .map(Member::state)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
