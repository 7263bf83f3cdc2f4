package dev.peernet.node;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.transport.Transport;
import dev.peernet.transport.tls.TlsTransport;

/** Makes the transport a node runs on, from its identity and the node's transport settings. */
@FunctionalInterface
public interface TransportFactory {
    Transport create(NodeIdentity identity, TlsTransport.Options options);
}
