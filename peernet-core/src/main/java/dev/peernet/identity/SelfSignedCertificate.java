package dev.peernet.identity;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Makes the X.509 v3 certificate a node presents in TLS: an Ed25519 key signed by itself, with the
 * same name as issuer and subject and no extensions (RFC 5280, Ed25519 per RFC 8410). Written with
 * {@link Der} rather than a library because this is all Peernet needs, and BouncyCastle cost a
 * third of a second of class loading at each start (ADR 0009).
 *
 * <pre>
 * Certificate      ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertificate   ::= SEQUENCE { [0] EXPLICIT version (2 = v3), serialNumber INTEGER,
 *                                 signature AlgorithmIdentifier, issuer Name,
 *                                 validity SEQUENCE { notBefore Time, notAfter Time },
 *                                 subject Name, subjectPublicKeyInfo }
 * AlgorithmIdentifier ::= SEQUENCE { id-Ed25519 }           -- no parameters (RFC 8410 3)
 * Name             ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, UTF8String } } }
 * </pre>
 */
final class SelfSignedCertificate {
    /** id-Ed25519 (RFC 8410 3), the key and signature algorithm. */
    static final String ED25519 = "1.3.101.112";

    /** id-at-commonName (X.520). */
    private static final String COMMON_NAME = "2.5.4.3";

    /** The version field counts from 0: 2 is X.509 v3. */
    private static final int VERSION_3 = 2;

    /** RFC 5280 4.1.2.2: a serial number is positive and at most 20 octets long. */
    private static final int MAX_SERIAL_BITS = 20 * 8 - 1;

    private SelfSignedCertificate() {}

    /**
     * A certificate for {@code keys}' public key, named {@code CN=commonName}, signed with its private
     * key, then parsed by the JDK's own X.509 parser and verified with the public key.
     *
     * @throws GeneralSecurityException if the keys are not an Ed25519 pair or the JDK rejects the
     *     encoding
     */
    static X509Certificate create(
            KeyPair keys, String commonName, BigInteger serial, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        if (serial.signum() <= 0 || serial.bitLength() > MAX_SERIAL_BITS) {
            throw new IllegalArgumentException("a serial number is positive and at most 20 octets: " + serial);
        }
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("the validity ends before it starts: " + notBefore + " to " + notAfter);
        }
        byte[] name = name(commonName);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(VERSION_3)),
                Der.integer(serial),
                algorithm(),
                name,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                name,
                keys.getPublic().getEncoded());
        byte[] der = Der.sequence(tbs, algorithm(), Der.bitString(sign(keys, tbs)));
        var certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        // Fails if the public key is not the private key's: a node never presents a certificate it
        // cannot prove in the handshake.
        certificate.verify(keys.getPublic());
        return certificate;
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.objectIdentifier(COMMON_NAME), Der.utf8String(commonName))));
    }

    private static byte[] algorithm() {
        return Der.sequence(Der.objectIdentifier(ED25519));
    }

    private static byte[] sign(KeyPair keys, byte[] tbs) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(tbs);
        return signature.sign();
    }
}
