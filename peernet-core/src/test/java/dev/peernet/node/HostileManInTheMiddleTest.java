package dev.peernet.node;

import static dev.peernet.node.HostilePeer.assertStillServes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.transport.tls.TlsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer is its key, not its address. A man in the middle that terminates TLS can only prove its
 * own key, so a node dialling with an expected peer ID refuses it; a relay that merely forwards bytes
 * cannot read or change them, so the end-to-end TLS session still proves the real peer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileManInTheMiddleTest {
    private final TestNodes nodes;
    private final HostileLog log = HostileLog.record();

    HostileManInTheMiddleTest() throws IOException {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
        log.close();
    }

    @Test
    void aManInTheMiddleWithItsOwnKeyIsRefusedAsAPeerMismatchNamingBothIds() throws IOException {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        NodeIdentity mallory = NodeIdentity.generate();

        try (Relay proxy = Relay.terminatingTls(mallory, TestNodes.addressOf(beta))) {
            assertThatThrownBy(() -> alpha.connect(proxy.address(), Optional.of(beta.id())))
                    .isInstanceOf(PeerMismatchException.class)
                    .hasMessageContaining(beta.id().toString())
                    .hasMessageContaining(mallory.peerId().toString());
        }

        assertThat(alpha.peers()).isEmpty();
        assertThat(log.lines(
                        "expected peer " + beta.id().shortForm(),
                        "but reached " + mallory.peerId().shortForm()))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> beta.peers().isEmpty());
        assertThat(alpha.connect(TestNodes.addressOf(beta), Optional.of(beta.id()))
                        .id())
                .isEqualTo(beta.id());
        assertThat(alpha.ping(beta.id())).isPositive();
        assertStillServes(nodes, beta);
    }

    @Test
    void aRelayThatOnlyForwardsBytesStillReachesTheExpectedPeerEndToEnd() throws IOException {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");

        try (Relay relay = Relay.forwardingTcp(TestNodes.addressOf(beta))) {
            PeerInfo reached = alpha.connect(relay.address(), Optional.of(beta.id()));

            assertThat(reached.id()).isEqualTo(beta.id());
            assertThat(alpha.ping(beta.id())).isPositive();
            assertThat(relay.connections()).isEqualTo(1);
        }
        assertStillServes(nodes, beta);
    }

    /** Accepts connections on 127.0.0.1 and pipes each, both ways, to a fresh connection to a target. */
    private static final class Relay implements AutoCloseable {
        @FunctionalInterface
        private interface Upstream {
            Socket open() throws IOException;
        }

        private final ServerSocket server;
        private final Upstream upstream;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        private Relay(ServerSocket server, Upstream upstream) {
            this.server = server;
            this.upstream = upstream;
            Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
        }

        /** Plain TCP forwarding: sees only ciphertext. */
        static Relay forwardingTcp(InetSocketAddress target) throws IOException {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            return new Relay(server, () -> new Socket(target.getAddress(), target.getPort()));
        }

        /** Ends the dialler's TLS with {@code identity}'s key, and dials the target with the same key. */
        static Relay terminatingTls(NodeIdentity identity, InetSocketAddress target) throws IOException {
            SSLContext context = TlsSettings.context(identity);
            var server = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            server.setSSLParameters(TlsSettings.parameters(context));
            return new Relay(server, () -> {
                var socket = (SSLSocket) context.getSocketFactory().createSocket(target.getAddress(), target.getPort());
                socket.setSSLParameters(TlsSettings.parameters(context));
                socket.startHandshake();
                return socket;
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        /** Connections accepted so far. */
        int connections() {
            return sockets.size() / 2;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket downstream = server.accept();
                    sockets.add(downstream);
                    Thread.ofVirtual().name("relay-connect").start(() -> relay(downstream));
                } catch (IOException e) {
                    return; // the relay was closed
                }
            }
        }

        private void relay(Socket downstream) {
            try {
                Socket up = upstream.open();
                sockets.add(up);
                Thread.ofVirtual().name("relay-down").start(() -> pipe(up, downstream));
                pipe(downstream, up);
            } catch (IOException e) {
                closeQuietly(downstream);
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // either side went away; closing both ends the other direction too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // best effort
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            sockets.forEach(Relay::closeQuietly);
        }
    }
}
