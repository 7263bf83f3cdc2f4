package dev.peernet.transport;

import dev.peernet.identity.PeerId;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An authenticated, encrypted, ordered byte pipe to one peer: what a transport hands to the
 * session layer. The remote peer ID is proven by the transport (for TLS, by the certificate's key).
 */
public interface SecureLink extends Closeable {
    PeerId remotePeer();

    /** The far end's address as {@code host:port}, for display and per-address limits. */
    String remoteAddress();

    /** The far end's host alone, the unit of the half-open connection limit. */
    String remoteHost();

    InputStream input();

    OutputStream output();

    /** Closes the link; idempotent, never throws. */
    @Override
    void close();
}
