package dev.peernet.transport.tls;

import dev.peernet.identity.NodeIdentity;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The one TLS configuration Peernet uses: TLS 1.3 only, AEAD suites only, Ed25519 certificates,
 * mutual authentication. Public so benchmarks can build a plain TLS baseline with the very same
 * settings. See ADR 0002.
 */
public final class TlsSettings {
    /** TLS 1.3 and nothing older: no plaintext, no downgrade. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3");

    /** Only AEAD suites; AES-128-GCM first since it is the fastest with AES-NI. */
    public static final List<String> CIPHER_SUITES =
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** Node certificates are Ed25519; no other signature scheme is offered or accepted. */
    public static final List<String> SIGNATURE_SCHEMES = List.of("ed25519");

    private TlsSettings() {}

    /** An SSL context presenting {@code identity} and accepting any well-formed self-signed peer. */
    public static SSLContext context(NodeIdentity identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(
                    new KeyManager[] {new NodeKeyManager(identity)},
                    new TrustManager[] {new SelfSignedTrustManager()},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    /** Parameters for either side: TLS 1.3, AEAD suites, Ed25519, client certificate required. */
    public static SSLParameters parameters(SSLContext context) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        p.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        p.setSignatureSchemes(SIGNATURE_SCHEMES.toArray(String[]::new));
        p.setNeedClientAuth(true);
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }
}
