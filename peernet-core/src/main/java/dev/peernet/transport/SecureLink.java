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

    /**
     * 32 bytes that both ends of this link, and only they, compute alike (for TLS, the RFC 8446
     * exporter with label {@value #CHANNEL_BINDING_LABEL}). A proof that covers them cannot be
     * relayed to another connection, so a man in the middle gains nothing by replaying it.
     */
    byte[] channelBinding();

    /** The TLS exporter label of {@link #channelBinding()}. */
    String CHANNEL_BINDING_LABEL = "EXPORTER-peernet-channel-binding";

    InputStream input();

    OutputStream output();

    /** Closes the link; idempotent, never throws. */
    @Override
    void close();
}
