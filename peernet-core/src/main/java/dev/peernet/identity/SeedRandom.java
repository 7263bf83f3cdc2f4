package dev.peernet.identity;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A "random" source that yields one given Ed25519 private key, once. The JDK's EdDSA key pair
 * generator takes its 32 private key bytes from its {@code SecureRandom} in one {@code nextBytes}
 * call and computes the public key from them ({@code sun.security.ec.ed.EdDSAKeyPairGenerator} and
 * {@code EdDSAOperations.generatePrivate}, JDK 15 to 25); handing it this source is how the JDK
 * alone turns a private key into its public key. Any other request fails, so a JDK that ever asks
 * for something else is caught rather than given wrong bytes.
 */
final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient Spi spi;

    private SeedRandom(Spi spi) {
        super(spi, null);
        this.spi = spi;
    }

    SeedRandom(byte[] seed) {
        this(new Spi(seed));
    }

    /** Whether the seed was handed out, in exactly one request for exactly its length. */
    boolean consumed() {
        return spi.consumed;
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private final byte[] seed;
        private boolean consumed;

        Spi(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (consumed || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 key generator asked for " + bytes.length
                        + " random bytes" + (consumed ? " a second time" : "") + "; it should take exactly one "
                        + seed.length + "-byte private key");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
            consumed = true;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            throw new UnsupportedOperationException("a SeedRandom yields one fixed key only");
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new UnsupportedOperationException("a SeedRandom yields one fixed key only");
        }
    }
}
