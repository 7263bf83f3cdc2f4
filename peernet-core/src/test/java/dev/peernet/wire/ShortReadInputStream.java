package dev.peernet.wire;

import java.io.InputStream;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Serves fixed bytes in short reads, the way a socket hands out whatever has arrived: one byte at a
 * time, or in sizes drawn from a seeded random generator so a failing split can be replayed.
 */
public final class ShortReadInputStream extends InputStream {
    /** Largest random read: small, so that splits often fall inside the 9-byte header. */
    private static final int MAX_RANDOM_READ = 32;

    private final byte[] bytes;
    private final SplittableRandom random;
    private final int maxRead;
    private int pos;

    private ShortReadInputStream(byte[] bytes, SplittableRandom random, int maxRead) {
        this.bytes = bytes.clone();
        this.random = random;
        this.maxRead = maxRead;
    }

    public static ShortReadInputStream oneByteAtATime(byte[] bytes) {
        return new ShortReadInputStream(bytes, new SplittableRandom(0), 1);
    }

    public static ShortReadInputStream randomSplits(byte[] bytes, long seed) {
        return new ShortReadInputStream(bytes, new SplittableRandom(seed), MAX_RANDOM_READ);
    }

    @Override
    public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, bytes.length - pos), random.nextInt(1, maxRead + 1));
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
    }
}
