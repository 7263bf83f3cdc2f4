package dev.peernet.bench;

import dev.peernet.bench.Sink.Drained;
import dev.peernet.identity.NodeIdentity;
import dev.peernet.transport.tls.TlsSettings;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A plain TLS 1.3 socket pair built from Peernet's own {@link TlsSettings}: the same provider,
 * protocol, suites and Ed25519 mutual authentication, without the session layer on top.
 */
final class TlsCarrier implements Carrier {
    private final SSLContext serverContext = TlsSettings.context(NodeIdentity.generate());
    private final SSLContext clientContext = TlsSettings.context(NodeIdentity.generate());
    private final SSLServerSocket server;
    private final Thread.Builder sinkThreads;
    private volatile String negotiated = "no handshake yet";

    TlsCarrier(Thread.Builder sinkThreads) throws IOException {
        this.sinkThreads = sinkThreads;
        this.server =
                (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 8, Loopback.ADDRESS);
        server.setSSLParameters(TlsSettings.parameters(serverContext));
    }

    @Override
    public Connection open() throws IOException {
        SSLSocket client =
                (SSLSocket) clientContext.getSocketFactory().createSocket(Loopback.ADDRESS, server.getLocalPort());
        try {
            client.setSSLParameters(TlsSettings.parameters(clientContext));
            SSLSocket accepted = (SSLSocket) server.accept();
            RawTcpCarrier.tune(client);
            RawTcpCarrier.tune(accepted);
            // The sink's first read runs the server side of the handshake while this thread runs the client side.
            CompletableFuture<Drained> drained =
                    Sink.serveOn(sinkThreads, accepted.getInputStream(), accepted.getOutputStream(), accepted);
            client.startHandshake();
            negotiated = describe(client.getSession(), clientContext);
            return new Connection(
                    client.getInputStream(), client.getOutputStream(), client::shutdownOutput, client, drained);
        } catch (IOException | RuntimeException e) {
            Sink.closeQuietly(client);
            throw e;
        }
    }

    private static String describe(SSLSession session, SSLContext context) {
        return session.getProtocol() + " " + session.getCipherSuite() + " via "
                + context.getProvider().getName() + ", Ed25519 mutual auth";
    }

    @Override
    public String description() {
        return negotiated + ", TCP_NODELAY";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
