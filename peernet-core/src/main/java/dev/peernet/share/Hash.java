package dev.peernet.share;

import java.util.Arrays;
import java.util.HexFormat;

/** A file's content hash as a value: compared by its bytes. */
record Hash(@SuppressWarnings("ArrayRecordComponent") byte[] bytes) {
    Hash {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    boolean matches(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
