package dev.peernet.bench;

import dev.peernet.identity.Ed25519Keys;
import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What {@code NodeIdentity.generate()} and {@code load} did with BouncyCastle before ADR 0009,
 * kept here only so {@link IdentityStartBench} can time the old way next to the new one. Returns
 * the certificate, the last thing either way makes.
 */
final class BouncyCastleIdentity {
    private BouncyCastleIdentity() {}

    /** A fresh key pair, its peer ID and its self-signed certificate. */
    static X509Certificate generate() throws GeneralSecurityException, OperatorCreationException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return selfSign(pair.getPrivate(), pair.getPublic(), PeerId.of(pair.getPublic()));
    }

    /** The key in a PEM PKCS#8 key file, its public key derived with BouncyCastle, and a certificate. */
    static X509Certificate load(Path file) throws IOException, GeneralSecurityException, OperatorCreationException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
        PublicKey publicKey = Ed25519Keys.publicKey(
                new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
        return selfSign(key, publicKey, PeerId.of(publicKey));
    }

    private static X509Certificate selfSign(PrivateKey privateKey, PublicKey publicKey, PeerId id)
            throws GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + id);
        var builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))),
                subject,
                publicKey);
        var signer = new JcaContentSignerBuilder("Ed25519").build(privateKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
