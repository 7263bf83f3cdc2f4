package dev.peernet.transport.tls;

import dev.peernet.identity.NodeIdentity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the node's one Ed25519 key and its self-signed certificate, on both sides of a
 * handshake. It replaces a PKCS12 key store and the SunX509 key manager factory, which encrypt
 * the key (PBKDF2, 10 000 rounds) only to decrypt it again: about 150 ms of a node's start, and a
 * C2 compilation of the key derivation that took 17 to 31 MB of native memory (ADR 0008).
 */
final class NodeKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "node";

    private final PrivateKey key;
    private final X509Certificate certificate;

    NodeKeyManager(NodeIdentity identity) {
        this.key = identity.privateKey();
        this.certificate = identity.certificate();
    }

    /** JSSE names an Ed25519 key "EdDSA" (its algorithm family) or "Ed25519". */
    private static boolean isEdDsa(String algorithm) {
        return "EdDSA".equalsIgnoreCase(algorithm) || "Ed25519".equalsIgnoreCase(algorithm);
    }

    private boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        return keyType.equalsIgnoreCase(key.getAlgorithm()) || (isEdDsa(keyType) && isEdDsa(key.getAlgorithm()));
    }

    private String alias(String... keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (fits(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
