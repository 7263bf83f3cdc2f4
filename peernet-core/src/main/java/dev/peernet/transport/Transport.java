package dev.peernet.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Makes {@link SecureLink}s: by listening, and by dialling. TLS over TCP is the production
 * transport; the testkit has an in-memory one. Nothing above this interface knows which is in use.
 */
public interface Transport {
    /**
     * Listens on {@code address}. Each inbound link that completes the transport handshake is given
     * to {@code acceptor} on its own virtual thread.
     *
     * @throws IOException saying which address could not be bound and why
     */
    Listener listen(InetSocketAddress address, LinkAcceptor acceptor) throws IOException;

    /** Dials {@code address} and completes the transport handshake. */
    SecureLink dial(InetSocketAddress address) throws IOException;

    /** A bound listener. */
    interface Listener extends Closeable {
        InetSocketAddress boundAddress();

        @Override
        void close();
    }

    /** Receives inbound links. */
    @FunctionalInterface
    interface LinkAcceptor {
        /**
         * Takes over an inbound link. The link counts as half-open, against its address's limit, until
         * this method returns; the acceptor runs its own handshake deadline (the transport's covers
         * only the transport handshake).
         */
        void accept(SecureLink link);
    }
}
