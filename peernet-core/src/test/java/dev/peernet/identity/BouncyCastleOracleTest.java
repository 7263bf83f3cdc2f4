package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * BouncyCastle, which Peernet used until ADR 0009, as an independent oracle: for random keys,
 * serials and dates, our public keys and certificates are the ones it makes.
 */
class BouncyCastleOracleTest {
    /** PKCS#8 v1 prefix of an Ed25519 private key (RFC 8410 7): the 32-byte seed follows. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    @Property(tries = 200)
    void theDerivedPublicKeyIsBouncyCastlesForAnySeed(@ForAll @Size(32) byte[] seed) throws Exception {
        byte[] expected =
                new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();

        assertThat(Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyFromSeed(seed)))
                .isEqualTo(expected);
    }

    @Property(tries = 100)
    void ourCertificateIsByteForByteTheOneBouncyCastleMakes(
            @ForAll @Size(32) byte[] seed,
            @ForAll("serials") BigInteger serial,
            @ForAll("times") Instant notBefore,
            @ForAll("times") Instant notAfter)
            throws Exception {
        Assume.that(notBefore.isBefore(notAfter));
        KeyPair keys = keys(seed);
        String name = PeerId.of(keys.getPublic()).toString();

        byte[] ours = SelfSignedCertificate.create(keys, name, serial, notBefore, notAfter)
                .getEncoded();

        // Ed25519 signatures are deterministic (RFC 8032), so equal fields give equal bytes.
        assertThat(ours).isEqualTo(bouncyCastle(keys, name, serial, notBefore, notAfter));
    }

    @Property(tries = 50)
    void bouncyCastleParsesOurCertificateAndVerifiesItsSignature(@ForAll @Size(32) byte[] seed) throws Exception {
        KeyPair keys = keys(seed);
        String name = PeerId.of(keys.getPublic()).toString();
        Instant now = Instant.now();

        var holder = new X509CertificateHolder(
                SelfSignedCertificate.create(keys, name, BigInteger.valueOf(42), now, now.plusSeconds(3600))
                        .getEncoded());

        assertThat(holder.getVersionNumber()).isEqualTo(3);
        assertThat(holder.getSubject()).isEqualTo(new X500Name("CN=" + name));
        assertThat(holder.getIssuer()).isEqualTo(holder.getSubject());
        assertThat(holder.getSubjectPublicKeyInfo().getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
        assertThat(holder.hasExtensions()).isFalse();
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys.getPublic())))
                .isTrue();
    }

    @Provide
    Arbitrary<BigInteger> serials() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ONE, BigInteger.TWO.pow(64).add(BigInteger.ONE))
                .edgeCases(edges -> edges.add(BigInteger.TWO.pow(63)));
    }

    /** Whole seconds from 1950 to 2200, where both libraries pick the same time type. */
    @Provide
    Arbitrary<Instant> times() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("1950-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2200-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond)
                .edgeCases(edges ->
                        edges.add(Instant.parse("2049-12-31T23:59:59Z")).add(Instant.parse("2050-01-01T00:00:00Z")));
    }

    private static KeyPair keys(byte[] seed) throws GeneralSecurityException {
        byte[] pkcs8 = new byte[PKCS8_PREFIX.length + seed.length];
        System.arraycopy(PKCS8_PREFIX, 0, pkcs8, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, seed.length);
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey publicKey = Ed25519Keys.publicKey(
                new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
        return new KeyPair(publicKey, privateKey);
    }

    /** What {@code NodeIdentity} did with BouncyCastle before ADR 0009. */
    private static byte[] bouncyCastle(
            KeyPair keys, String name, BigInteger serial, Instant notBefore, Instant notAfter) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        var builder = new JcaX509v3CertificateBuilder(
                subject, serial, Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        return builder.build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate()))
                .getEncoded();
    }
}
