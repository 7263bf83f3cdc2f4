package dev.peernet.membership;

import dev.peernet.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proofs of knowing a shared secret (an invite's, or the key derived from a network passphrase),
 * bound to one TLS connection: HMAC-SHA256 over a label, the side proving, the connection's
 * channel binding and both peer IDs. A proof seen on one connection is useless on any other, and
 * TLS hides it from a passive observer, who therefore has nothing to test guesses against.
 */
final class Proofs {
    private static final String LABEL = "peernet-join-v1";
    private static final byte[] PASSPHRASE_SALT = "peernet-network-passphrase-v1".getBytes(StandardCharsets.US_ASCII);
    /** Slows each offline guess by anyone who obtains a proof. */
    static final int PASSPHRASE_ITERATIONS = 210_000;

    /** Which side is proving: the two proofs of one exchange differ. */
    enum Side {
        JOINER(1),
        MEMBER(2);

        final byte code;

        Side(int code) {
            this.code = (byte) code;
        }
    }

    private Proofs() {}

    static byte[] prove(byte[] key, Side side, byte[] channelBinding, PeerId joiner, PeerId member) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(LABEL.getBytes(StandardCharsets.US_ASCII));
            mac.update(side.code);
            mac.update(channelBinding);
            mac.update(joiner.keyBytes());
            mac.update(member.keyBytes());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Compares in constant time. */
    static boolean matches(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }

    /** The key a passphrase stands for: PBKDF2-HMAC-SHA256 with a fixed salt. */
    static byte[] passphraseKey(char[] passphrase) {
        try {
            var spec = new PBEKeySpec(passphrase, PASSPHRASE_SALT, PASSPHRASE_ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        }
    }
}
