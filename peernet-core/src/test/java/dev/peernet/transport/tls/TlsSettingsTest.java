package dev.peernet.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsSettingsTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final NodeIdentity serverIdentity = NodeIdentity.generate();
    private final TlsTransport server =
            TlsTransport.create(serverIdentity, new TlsTransport.Options(Duration.ofSeconds(5), 8, scheduler));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void bothSidesProveTheirKeysAndNegotiateTls13WithAnAeadSuite() throws Exception {
        CompletableFuture<PeerId> seenByServer = new CompletableFuture<>();
        try (var listener = server.listen(loopback(), link -> seenByServer.complete(link.remotePeer()))) {
            NodeIdentity clientIdentity = NodeIdentity.generate();
            var client =
                    TlsTransport.create(clientIdentity, new TlsTransport.Options(Duration.ofSeconds(5), 8, scheduler));

            var link = client.dial(listener.boundAddress());

            assertThat(link.remotePeer()).isEqualTo(serverIdentity.peerId());
            assertThat(seenByServer.get(5, TimeUnit.SECONDS)).isEqualTo(clientIdentity.peerId());
            link.close();
        }
    }

    @Test
    void theNegotiatedSuiteIsAes128GcmOverTls13() throws Exception {
        try (var listener = server.listen(loopback(), link -> {})) {
            SSLContext context = TlsSettings.context(NodeIdentity.generate());
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(
                            InetAddress.getLoopbackAddress(),
                            listener.boundAddress().getPort())) {
                socket.setSSLParameters(TlsSettings.parameters(context));
                socket.startHandshake();

                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            }
        }
    }

    @Test
    void aClientOfferingOnlyTls12IsRefused() throws Exception {
        try (var listener = server.listen(loopback(), link -> {})) {
            SSLContext context = TlsSettings.context(NodeIdentity.generate());
            SSLParameters tls12 = TlsSettings.parameters(context);
            tls12.setProtocols(new String[] {"TLSv1.2"});
            tls12.setCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});

            assertThatThrownBy(() -> handshake(context, tls12, listener.boundAddress()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        try (var listener = server.listen(loopback(), link -> {})) {
            SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
            anonymous.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLParameters params = anonymous.getDefaultSSLParameters();
            params.setProtocols(new String[] {"TLSv1.3"});

            assertThatThrownBy(() -> {
                        SSLSocket s = handshake(anonymous, params, listener.boundAddress());
                        // TLS 1.3 reports a refused client certificate on the first read.
                        int unused = s.getInputStream().read();
                    })
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theCipherSuitesAreAllAead() {
        assertThat(TlsSettings.CIPHER_SUITES)
                .allMatch(s -> s.contains("GCM") || s.contains("CHACHA20_POLY1305"))
                .noneMatch(s -> s.contains("NULL") || s.contains("CBC"));
        assertThat(TlsSettings.PROTOCOLS).containsExactly("TLSv1.3");
    }

    private static SSLSocket handshake(SSLContext context, SSLParameters params, InetSocketAddress to)
            throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(to.getAddress(), to.getPort());
        socket.setSoTimeout(5000);
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
