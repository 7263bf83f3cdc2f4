package dev.peernet.transport.tls;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import dev.peernet.transport.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS 1.3 over TCP with blocking sockets on virtual threads (ADR 0002). Each accepted socket gets
 * its own virtual thread; a per-address limit and a deadline stop half-open connections from piling
 * up.
 */
public final class TlsTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);

    private final SSLContext context;
    private final SSLParameters parameters;
    private final Options options;
    private final HalfOpenLimiter halfOpen;

    /**
     * Transport tuning.
     *
     * @param handshakeTimeout the TLS handshake plus the acceptor's own handshake must finish in this
     * @param maxHalfOpenPerHost unfinished inbound connections one remote host may hold at once
     * @param scheduler runs handshake deadlines
     */
    public record Options(Duration handshakeTimeout, int maxHalfOpenPerHost, ScheduledExecutorService scheduler) {}

    private TlsTransport(NodeIdentity identity, Options options) {
        this.context = TlsSettings.context(identity);
        this.parameters = TlsSettings.parameters(context);
        this.options = options;
        this.halfOpen = new HalfOpenLimiter(options.maxHalfOpenPerHost());
    }

    public static TlsTransport create(NodeIdentity identity, Options options) {
        return new TlsTransport(identity, options);
    }

    @Override
    public Listener listen(InetSocketAddress address, LinkAcceptor acceptor) throws IOException {
        SSLServerSocket server =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 128);
        } catch (BindException e) {
            server.close();
            throw new BindException("Cannot listen on " + describe(address) + ": " + e.getMessage() + ".");
        }
        server.setSSLParameters(parameters);
        var listener = new TlsListener(server);
        Thread.ofVirtual().name("peernet-accept-" + server.getLocalPort()).start(() -> acceptLoop(server, acceptor));
        return listener;
    }

    private static String describe(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private void acceptLoop(ServerSocket server, LinkAcceptor acceptor) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                String host = socket.getInetAddress().getHostAddress();
                if (!halfOpen.tryAcquire(host)) {
                    log.warn(
                            "Refused a connection from {}: it already has {} unfinished handshakes.",
                            host,
                            options.maxHalfOpenPerHost());
                    closeQuietly(socket);
                    continue;
                }
                Thread.ofVirtual()
                        .name("peernet-inbound")
                        .start(() -> handleInbound((SSLSocket) socket, host, acceptor));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Accepting on {} failed: {}", server.getLocalSocketAddress(), e.getMessage());
                }
            }
        }
    }

    private void handleInbound(SSLSocket socket, String host, LinkAcceptor acceptor) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = scheduleDeadline(socket, timedOut);
        try {
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            // From here on the session layer's own deadline (HELLO) applies, with its clearer error.
            deadline.cancel(false);
            acceptor.accept(new TlsLink(socket, peerOf(socket)));
        } catch (IOException e) {
            log.info("Dropped inbound connection from {}: {}", host, tlsFailure(e, timedOut.get()));
            closeQuietly(socket);
        } finally {
            deadline.cancel(false);
            halfOpen.release(host);
        }
    }

    /**
     * Closes {@code socket} at the handshake deadline, setting {@code timedOut} first: a socket closed
     * under a blocked handshake may surface as an EOF that looks like the remote hung up.
     */
    private ScheduledFuture<?> scheduleDeadline(Socket socket, AtomicBoolean timedOut) {
        return options.scheduler()
                .schedule(
                        () -> {
                            timedOut.set(true);
                            closeQuietly(socket);
                        },
                        options.handshakeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private static String tlsFailure(IOException e, boolean timedOut) {
        if (timedOut) {
            return "the handshake did not finish in time";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    @Override
    public SecureLink dial(InetSocketAddress address) throws IOException {
        Socket raw = new Socket();
        ScheduledFuture<?> deadline = scheduleDeadline(raw, new AtomicBoolean());
        try {
            raw.setTcpNoDelay(true);
            raw.connect(address, (int) options.handshakeTimeout().toMillis());
            SSLSocket socket = (SSLSocket)
                    context.getSocketFactory().createSocket(raw, address.getHostString(), address.getPort(), true);
            socket.setSSLParameters(parameters);
            socket.setUseClientMode(true);
            socket.startHandshake();
            return new TlsLink(socket, peerOf(socket));
        } catch (IOException e) {
            closeQuietly(raw);
            if (raw.isClosed() && !raw.isConnected()) {
                throw new IOException("Cannot reach " + describe(address) + ": " + e.getMessage() + ".", e);
            }
            throw new IOException("TLS handshake with " + describe(address) + " failed: " + e.getMessage() + ".", e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static PeerId peerOf(SSLSocket socket) throws SSLException {
        var certs = socket.getSession().getPeerCertificates();
        return PeerId.of(certs[0].getPublicKey());
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private record TlsListener(SSLServerSocket server) implements Listener {
        @Override
        public InetSocketAddress boundAddress() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() {
            closeQuietly(server);
        }

        private static void closeQuietly(ServerSocket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
