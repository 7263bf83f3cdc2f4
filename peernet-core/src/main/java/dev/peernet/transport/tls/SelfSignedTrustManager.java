package dev.peernet.transport.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a peer whose chain is exactly one Ed25519 certificate signed by its own key. Trust in
 * <em>which</em> peer it is comes later, from the peer ID derived from that key; this class only
 * makes sure the peer holds the private key of the certificate (TLS proves that in the handshake)
 * and that the certificate is well formed.
 */
final class SelfSignedTrustManager extends X509ExtendedTrustManager {
    private static void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length != 1) {
            throw new CertificateException("a Peernet peer presents exactly one self-signed certificate");
        }
        X509Certificate cert = chain[0];
        if (!"Ed25519".equalsIgnoreCase(cert.getPublicKey().getAlgorithm())
                && !"EdDSA".equalsIgnoreCase(cert.getPublicKey().getAlgorithm())) {
            throw new CertificateException("a Peernet certificate has an Ed25519 key, not "
                    + cert.getPublicKey().getAlgorithm());
        }
        try {
            cert.verify(cert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the peer's certificate is not signed by its own key", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
