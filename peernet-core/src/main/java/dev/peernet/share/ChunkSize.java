package dev.peernet.share;

/**
 * The chunk size of a file, chosen from its size (ADR 0010): the smallest power of two from 256 KiB
 * to 16 MiB that cuts the file into at most {@link #TARGET_CHUNKS} chunks.
 */
public final class ChunkSize {
    /** Small enough that a 1 MiB file still has four chunks to fetch from four sources. */
    public static final int MIN = 256 * 1024;

    /** Large enough that a 32 GiB file has 2 000 chunks; one chunk still fits in memory to verify. */
    public static final int MAX = 16 * 1024 * 1024;

    /** At most this many chunks (until {@link #MAX} is reached): 2 000 × 32 B = 64 KiB of chunk hashes. */
    public static final int TARGET_CHUNKS = 2000;

    private ChunkSize() {}

    /** The chunk size for a file of {@code size} bytes. */
    public static int forFileSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("A file size cannot be negative: " + size + ".");
        }
        int chunk = MIN;
        while (chunk < MAX && chunks(size, chunk) > TARGET_CHUNKS) {
            chunk *= 2;
        }
        return chunk;
    }

    /** How many chunks of {@code chunkSize} cover {@code size} bytes; an empty file has none. */
    public static long chunks(long size, int chunkSize) {
        return (size + chunkSize - 1) / chunkSize;
    }
}
