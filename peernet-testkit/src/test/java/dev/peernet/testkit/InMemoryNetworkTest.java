package dev.peernet.testkit;

import static dev.peernet.testkit.TestPeers.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import dev.peernet.transport.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class InMemoryNetworkTest {
    private final InMemoryNetwork network = InMemoryNetwork.create(new FakeScheduler());
    private final PeerId alpha = peer(1);
    private final PeerId beta = peer(2);
    private final BlockingQueue<SecureLink> accepted = new LinkedBlockingQueue<>();

    private InetSocketAddress listen(PeerId peer, int port) throws IOException {
        return network.transport(peer)
                .listen(new InetSocketAddress(port), accepted::add)
                .boundAddress();
    }

    @Test
    void aNodeListensOnItsOwnUnresolvedHostKeepingThePort() throws IOException {
        InetSocketAddress bound = listen(alpha, 7707);

        assertThat(bound.isUnresolved()).isTrue();
        assertThat(bound.getHostString()).isEqualTo("node-1");
        assertThat(bound.getPort()).isEqualTo(7707);
        assertThat(listen(beta, 0).getPort()).isGreaterThanOrEqualTo(49152);
    }

    @Test
    void aDialReachesTheListenerAndEachEndKnowsTheOtherPeer() throws Exception {
        InetSocketAddress address = listen(alpha, 7707);

        SecureLink dialled = network.transport(beta).dial(address);
        SecureLink inbound = accepted.poll(5, TimeUnit.SECONDS);

        assertThat(dialled.remotePeer()).isEqualTo(alpha);
        assertThat(dialled.remoteAddress()).isEqualTo("node-1:7707");
        assertThat(inbound).isNotNull();
        assertThat(inbound.remotePeer()).isEqualTo(beta);
        assertThat(inbound.remoteHost()).isEqualTo("node-2");
        dialled.output().write(42);
        assertThat(inbound.input().read()).isEqualTo(42);
    }

    @Test
    void aSecondListenerOnTheSameAddressIsRefused() throws IOException {
        listen(alpha, 7707);

        assertThatThrownBy(() -> listen(alpha, 7707))
                .isInstanceOf(BindException.class)
                .hasMessage("Cannot listen on node-1:7707: another in-memory node listens there.");
    }

    @Test
    void dialingAnAddressNobodyListensOnFailsWithoutAnySocket() {
        Transport transport = network.transport(alpha);

        assertThatThrownBy(() -> transport.dial(InetSocketAddress.createUnresolved("node-9", 7707)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Cannot reach node-9:7707: no in-memory node listens there.");
    }

    @Test
    void aClosedListenerIsNoLongerReachable() throws IOException {
        Transport.Listener listener = network.transport(alpha).listen(new InetSocketAddress(7707), accepted::add);

        listener.close();

        assertThatThrownBy(() -> network.transport(beta).dial(listener.boundAddress()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void failHandshakeFailsTheDialAndTheListenerNeverSeesTheLink() throws Exception {
        InetSocketAddress address = listen(alpha, 7707);
        network.policy(alpha, beta, LinkPolicy.FAIL_HANDSHAKE);

        assertThatThrownBy(() -> network.transport(beta).dial(address))
                .isInstanceOf(IOException.class)
                .hasMessage("The handshake with node-1:7707 failed: the link's policy is FAIL_HANDSHAKE.");
        assertThat(accepted.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aPartitionHoldsLiveLinksAndHealingReleasesThem() throws Exception {
        SecureLink dialled = network.transport(beta).dial(listen(alpha, 7707));
        SecureLink inbound = accepted.poll(5, TimeUnit.SECONDS);

        network.partition(alpha, beta);
        dialled.output().write(7);
        assertThat(inbound.input().available()).isZero();
        assertThat(network.links(beta, alpha)).hasSize(1);

        network.heal(beta, alpha);
        assertThat(inbound.input().read()).isEqualTo(7);
    }
}
