package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StaticPeerTest {
    private final TestNodes nodes;

    StaticPeerTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aStaticPeerThatStartsLaterIsDialledOnceItIsUp() throws Exception {
        int port = freePort();
        Node a = nodes.start("alpha", cfg -> cfg.peers(List.of(new HostPort("127.0.0.1", port))));

        Thread.sleep(1500); // a few failed dials happen first
        Node b = nodes.start("beta", cfg -> cfg.listen(List.of(new InetSocketAddress("127.0.0.1", port))));

        await().atMost(Duration.ofSeconds(10)).until(() -> a.peers().size() == 1);
        assertThat(a.peers().getFirst().id()).isEqualTo(b.id());
    }

    @Test
    void aStaticPeerIsRedialledAfterItRestarts() throws Exception {
        int port = freePort();
        Node b = nodes.start("beta", cfg -> cfg.listen(List.of(new InetSocketAddress("127.0.0.1", port))));
        Node a = nodes.start("alpha", cfg -> cfg.peers(List.of(new HostPort("127.0.0.1", port))));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.peers().size() == 1);

        b.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.peers().isEmpty());
        Node b2 = nodes.start("beta", cfg -> cfg.listen(List.of(new InetSocketAddress("127.0.0.1", port))));

        await().atMost(Duration.ofSeconds(15)).until(() -> a.peers().size() == 1);
        assertThat(a.peers().getFirst().id()).isEqualTo(b2.id());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
