package dev.peernet.node;

import static dev.peernet.node.HostilePeer.assertClosedByNode;
import static dev.peernet.node.HostilePeer.assertStillServes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections that never become sessions: bytes that are not TLS, silence, TLS without HELLO, and
 * a flood of unfinished handshakes from one address. Each is cut by the node, which logs it and
 * keeps serving others. {@link TestNodes} sets a 3 s handshake timeout.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class HostileHandshakeTest {
    /** The handshake timeout {@link TestNodes} configures. */
    private static final Duration HANDSHAKE = Duration.ofSeconds(3);

    private final TestNodes nodes;
    private final HostileLog log = HostileLog.record();

    HostileHandshakeTest() throws IOException {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
        log.close();
    }

    static Stream<Arguments> notTls() {
        byte[] random = new byte[512];
        new Random(7707).nextBytes(random);
        random[0] = 0x42; // not a TLS record type, so the garbage cannot pass for a record header
        byte[] http = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(Arguments.of("random bytes", random), Arguments.of("an HTTP request", http));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTls")
    void bytesThatAreNotATlsClientHelloAreRefusedAtOnce(String what, byte[] garbage) throws IOException {
        Node node = nodes.start("target");
        long start = System.nanoTime();
        try (Socket raw = HostilePeer.rawSocket(TestNodes.addressOf(node), Optional.empty())) {
            raw.getOutputStream().write(garbage);
            raw.getOutputStream().flush();

            assertClosedByNode(raw.getInputStream());
        }

        assertThat(elapsedSince(start)).as("refused, not left to time out").isLessThan(HANDSHAKE.dividedBy(2));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines("Dropped inbound connection from 127.0.0.1"))
                        .singleElement()
                        .asString()
                        .contains("TLS handshake failed"));
        assertStillServes(nodes, node);
    }

    @Test
    void aTcpConnectionThatNeverSpeaksIsCutAfterTheHandshakeTimeout() throws IOException {
        Node node = nodes.start("target");
        long start = System.nanoTime();
        try (Socket raw = HostilePeer.rawSocket(TestNodes.addressOf(node), Optional.empty())) {
            assertClosedByNode(raw.getInputStream());
        }

        assertCutAtTheHandshakeTimeout(elapsedSince(start));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines("Dropped inbound connection from 127.0.0.1"))
                        .singleElement()
                        .asString()
                        .contains("did not finish in time"));
        assertStillServes(nodes, node);
    }

    @Test
    void aPeerThatFinishesTlsButNeverSendsHelloIsCutAfterTheHandshakeTimeout() throws IOException {
        Node node = nodes.start("target");
        long start = System.nanoTime();
        HostilePeer peer = HostilePeer.dial(node);
        try (peer) {
            peer.readHello();
            peer.awaitClosed();
        }

        assertCutAtTheHandshakeTimeout(elapsedSince(start));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines(
                                "Dropped inbound connection",
                                peer.peerId().shortForm(),
                                "did not finish the handshake"))
                        .hasSize(1));
        assertThat(node.peers()).isEmpty();
        assertStillServes(nodes, node);
    }

    @Test
    void connectionsOverTheHalfOpenLimitOfOneAddressAreClosedAtOnceWhileOtherAddressesGetIn() throws IOException {
        int limit = 4;
        Node node = nodes.start("target", b -> b.maxHalfOpenPerAddress(limit));
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                silent.add(HostilePeer.rawSocket(TestNodes.addressOf(node), Optional.empty()));
            }
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                try (Socket extra = HostilePeer.rawSocket(TestNodes.addressOf(node), Optional.empty())) {
                    assertClosedByNode(extra.getInputStream());
                }
            }
            assertThat(elapsedSince(start))
                    .as("the extra ones are refused at once")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(log.lines("Refused a connection from 127.0.0.1", "already has 4 unfinished handshakes"))
                    .hasSize(3);

            try (HostilePeer other = HostilePeer.dialFrom(InetAddress.getByName("127.0.0.2"), node)) {
                other.hello();
                other.assertPingStreamWorks(1);
            }
            for (Socket s : silent) {
                assertStillOpen(s);
            }
            for (Socket s : silent) {
                assertClosedByNode(s.getInputStream());
            }
            assertCutAtTheHandshakeTimeout(elapsedSince(start));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(log.lines("Dropped inbound connection from 127.0.0.1"))
                            .hasSize(limit)
                            .allMatch(line -> line.contains("the handshake did not finish in time")));
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
        assertStillServes(nodes, node);
    }

    private static void assertStillOpen(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(50);
        try {
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .as("a half-open connection within the limit is kept until its deadline")
                    .isInstanceOf(SocketTimeoutException.class);
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    private static void assertCutAtTheHandshakeTimeout(Duration elapsed) {
        assertThat(elapsed)
                .as("cut by the handshake deadline")
                .isGreaterThan(HANDSHAKE.minusSeconds(1))
                .isLessThan(HANDSHAKE.multipliedBy(2));
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
