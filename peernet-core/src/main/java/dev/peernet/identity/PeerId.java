package dev.peernet.identity;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A node's identity as others see it: the node's raw 32-byte Ed25519 public key, written in a
 * human-friendly form with check characters.
 *
 * <p>Text form: the key in RFC 4648 base32 (52 characters), cut into four groups of 13, each
 * followed by one Luhn mod 32 check character, so 56 characters, shown as eight dash-separated
 * blocks of seven ({@code ABCDEFG-HIJKLMN-...}). A single mistyped character, or two swapped
 * adjacent ones, fails the check. The short form is the first block. See ADR 0003.
 */
public final class PeerId implements Comparable<PeerId> {
    /** Length of an Ed25519 public key in bytes. */
    public static final int KEY_BYTES = 32;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int GROUP = 13;
    private static final int BLOCK = 7;
    private static final int TEXT_LENGTH = 56;

    private final byte[] key;

    private PeerId(byte[] key) {
        this.key = key;
    }

    /** The peer ID of a raw 32-byte Ed25519 public key. */
    public static PeerId ofKeyBytes(byte[] rawKey) {
        if (rawKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + rawKey.length);
        }
        return new PeerId(rawKey.clone());
    }

    /** The peer ID of an Ed25519 public key. */
    public static PeerId of(PublicKey publicKey) {
        return ofKeyBytes(Ed25519Keys.rawPublicKey(publicKey));
    }

    /**
     * Parses the full text form. Dashes, spaces and letter case are ignored.
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. a failed check character
     */
    public static PeerId parse(String text) {
        String s = normalize(text);
        if (s.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "a peer ID has 56 characters (dashes aside), but '" + text + "' has " + s.length());
        }
        StringBuilder base32 = new StringBuilder(GROUP * 4);
        for (int g = 0; g < 4; g++) {
            String group = s.substring(g * (GROUP + 1), g * (GROUP + 1) + GROUP);
            char check = s.charAt(g * (GROUP + 1) + GROUP);
            for (int i = 0; i < group.length(); i++) {
                char c = group.charAt(i);
                if (ALPHABET.indexOf(c) < 0) {
                    throw new IllegalArgumentException("'" + c + "' is not a peer ID character in '" + text + "'");
                }
            }
            if (luhn32(group) != check) {
                throw new IllegalArgumentException("peer ID '" + text + "' fails its check in block " + (g * 2 + 1)
                        + "-" + (g * 2 + 2) + ": a character is mistyped");
            }
            base32.append(group);
        }
        return new PeerId(Base32.decode(base32.toString(), KEY_BYTES));
    }

    /** Whether {@code text} looks like a full peer ID (right length and alphabet); no check run. */
    public static boolean looksLikeFullId(String text) {
        String s = normalize(text);
        return s.length() == TEXT_LENGTH && s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** Upper-cases and strips dashes and spaces. */
    static String normalize(String text) {
        return text.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** The raw public key bytes (a copy). */
    public byte[] keyBytes() {
        return key.clone();
    }

    /** The first block of the text form, for display where space is short. */
    public String shortForm() {
        return toString().substring(0, BLOCK);
    }

    /** Whether the normalized {@code prefix} starts this ID's text form (dashes ignored). */
    public boolean hasPrefix(String prefix) {
        String p = normalize(prefix);
        return !p.isEmpty() && normalize(toString()).startsWith(p);
    }

    /** Lower-case hex of the key, for logs and file names. */
    public String hex() {
        return HexFormat.of().formatHex(key);
    }

    @Override
    public String toString() {
        String base32 = Base32.encode(key);
        StringBuilder checked = new StringBuilder(TEXT_LENGTH);
        for (int g = 0; g < 4; g++) {
            String group = base32.substring(g * GROUP, (g + 1) * GROUP);
            checked.append(group).append(luhn32(group));
        }
        StringBuilder out = new StringBuilder(TEXT_LENGTH + 7);
        for (int i = 0; i < TEXT_LENGTH; i += BLOCK) {
            if (i > 0) {
                out.append('-');
            }
            out.append(checked, i, i + BLOCK);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public int compareTo(PeerId other) {
        return Arrays.compareUnsigned(key, other.key);
    }

    /** Luhn mod N over the base32 alphabet (the algorithm Syncthing uses for device IDs). */
    static char luhn32(String group) {
        return Base32.luhnCheck(group);
    }
}
