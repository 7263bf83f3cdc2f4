package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {
    private final NodeIdentity identity = NodeIdentity.generate();
    private final X509Certificate certificate = identity.certificate();

    @Test
    void theCertificateParsesWithTheJdkAsAnX509Version3Certificate() throws Exception {
        var parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));

        assertThat(parsed).isEqualTo(certificate);
        assertThat(parsed.getVersion()).isEqualTo(3);
        assertThat(parsed.getSigAlgOID()).isEqualTo("1.3.101.112");
        assertThat(parsed.getSigAlgParams()).isNull();
    }

    @Test
    void issuerAndSubjectAreTheCommonNameOfThePeerId() {
        String name = "CN=" + identity.peerId();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo(name);
        assertThat(certificate.getIssuerX500Principal().getName()).isEqualTo(name);
    }

    @Test
    void theCommonNameIsAUtf8String() {
        byte[] subject = certificate.getSubjectX500Principal().getEncoded();

        // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String (0x0c) of 63 characters } } }
        assertThat(HexFormat.of().formatHex(subject, 0, 13)).isEqualTo("304a3148304606035504030c3f");
    }

    @Test
    void theCertificateIsValidFromADayAgoForTenYears() {
        Instant now = Instant.now();

        assertThat(certificate.getNotBefore().toInstant())
                .isCloseTo(now.minus(Duration.ofDays(1)), within(5, ChronoUnit.SECONDS));
        assertThat(certificate.getNotAfter().toInstant())
                .isCloseTo(now.plus(Duration.ofDays(3650)), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void theCertificateCarriesTheNodesPublicKeyAndVerifiesWithIt() throws Exception {
        assertThat(certificate.getPublicKey()).isEqualTo(identity.publicKey());
        assertThat(PeerId.of(certificate.getPublicKey())).isEqualTo(identity.peerId());

        certificate.verify(identity.publicKey());
    }

    @Test
    void theCertificateHasAPositive64BitSerialAndNoExtensions() {
        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(65);
        assertThat(certificate.getCriticalExtensionOIDs()).isNullOrEmpty();
        assertThat(certificate.getNonCriticalExtensionOIDs()).isNullOrEmpty();
    }

    @Test
    void aValidityEndingAfter2049IsReadBackByTheJdkFromGeneralizedTime() throws Exception {
        Instant notBefore = Instant.parse("2049-06-30T12:00:00Z");
        Instant notAfter = Instant.parse("2059-06-27T12:00:00Z");

        X509Certificate cert = SelfSignedCertificate.create(keys(), "test", BigInteger.TEN, notBefore, notAfter);

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(notAfter);
        // notBefore is still UTCTime, notAfter GeneralizedTime (tag 0x18).
        assertThat(cert.getTBSCertificate())
                .containsSequence(HexFormat.of()
                        .parseHex("3020170d3439303633303132303030305a180f32303539303632373132303030305a"));
    }

    @Test
    void aKeyPairWhosePublicKeyIsNotThePrivateKeysIsRefused() throws Exception {
        var mismatched = new KeyPair(keys().getPublic(), keys().getPrivate());

        assertThatThrownBy(() -> SelfSignedCertificate.create(
                        mismatched, "test", BigInteger.ONE, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void aSerialThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> SelfSignedCertificate.create(
                        keys(), "test", BigInteger.ZERO, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serial");
    }

    private static KeyPair keys() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
