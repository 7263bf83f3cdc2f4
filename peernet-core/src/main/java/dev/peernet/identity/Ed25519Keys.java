package dev.peernet.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Conversions between Ed25519 keys and their raw 32-byte form. */
public final class Ed25519Keys {
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Keys() {}

    /**
     * The raw key of an Ed25519 public key.
     *
     * @throws IllegalArgumentException if the key is not Ed25519
     */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null
                || der.length != SPKI_PREFIX.length + PeerId.KEY_BYTES
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The Ed25519 public key with the given raw bytes. */
    public static PublicKey publicKey(byte[] raw) {
        byte[] der = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /**
     * The public key of the Ed25519 private key {@code seed} (its 32 bytes, RFC 8032 5.1.5),
     * computed by the JDK's own key pair generator fed with {@link SeedRandom}.
     *
     * @throws IllegalStateException if the generator did not make its key from exactly {@code seed}
     */
    static PublicKey publicKeyFromSeed(byte[] seed) throws GeneralSecurityException {
        if (seed.length != PeerId.KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        var random = new SeedRandom(seed);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, random);
        KeyPair pair = generator.generateKeyPair();
        byte[] made = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
        boolean fromSeed = random.consumed() && MessageDigest.isEqual(made, seed);
        Arrays.fill(made, (byte) 0);
        if (!fromSeed) {
            throw new IllegalStateException("this JDK's Ed25519 key pair generator did not take its private key"
                    + " from the SecureRandom it was given, so Peernet cannot derive public keys with it");
        }
        return pair.getPublic();
    }
}
