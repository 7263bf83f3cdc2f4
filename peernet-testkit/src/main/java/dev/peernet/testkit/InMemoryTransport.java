package dev.peernet.testkit;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import dev.peernet.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One node's view of an {@link InMemoryNetwork}. It listens on its own host whatever host it is asked
 * for (a wildcard address included), keeping the port; port 0 picks a free one.
 */
record InMemoryTransport(InMemoryNetwork network, PeerId peer, String host) implements Transport {
    @Override
    public Listener listen(InetSocketAddress address, LinkAcceptor acceptor) throws IOException {
        return network.listen(this, address.getPort(), acceptor);
    }

    @Override
    public SecureLink dial(InetSocketAddress address) throws IOException {
        return network.dial(this, address);
    }
}
