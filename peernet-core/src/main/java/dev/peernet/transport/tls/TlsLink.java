package dev.peernet.transport.tls;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLSocket;

/** A {@link SecureLink} over an {@link SSLSocket} whose handshake has completed. */
final class TlsLink implements SecureLink {
    private final SSLSocket socket;
    private final PeerId remotePeer;
    private final InputStream input;
    private final OutputStream output;

    TlsLink(SSLSocket socket, PeerId remotePeer) throws IOException {
        this.socket = socket;
        this.remotePeer = remotePeer;
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    @Override
    public String remoteAddress() {
        String host = remoteHost();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
    }

    @Override
    public String remoteHost() {
        return socket.getInetAddress().getHostAddress();
    }

    @Override
    public byte[] channelBinding() {
        if (!(socket.getSession() instanceof ExtendedSSLSession session)) {
            throw new IllegalStateException("the TLS provider does not export keying material");
        }
        try {
            return session.exportKeyingMaterialData(CHANNEL_BINDING_LABEL, new byte[0], 32);
        } catch (SSLKeyException e) {
            throw new IllegalStateException("the TLS session could not export keying material", e);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        TlsTransport.closeQuietly(socket);
    }
}
