package dev.peernet.membership;

import dev.peernet.identity.Base32;
import java.util.Arrays;

/**
 * A network's public identifier: the first 16 bytes of SHA-256 of its genesis record's body. It
 * names the network in discovery announcements; knowing it grants nothing.
 */
public final class NetworkId {
    /** Bytes in an ID. */
    public static final int BYTES = 16;

    private final byte[] bytes;

    private NetworkId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The ID with these 16 bytes. */
    public static NetworkId of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a network ID has " + BYTES + " bytes, not " + bytes.length);
        }
        return new NetworkId(bytes.clone());
    }

    /**
     * Parses the text form (26 base32 characters, any case).
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static NetworkId parse(String text) {
        try {
            return new NetworkId(Base32.decode(text.strip().toUpperCase(java.util.Locale.ROOT), BYTES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network ID: " + e.getMessage(), e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The text form: 26 base32 characters. */
    @Override
    public String toString() {
        return Base32.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
