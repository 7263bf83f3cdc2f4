package dev.peernet.share;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file's content hash built from its chunk hashes (ADR 0010): each chunk's SHA-256, and the file
 * hash = SHA-256(chunk size as 8 bytes big-endian ‖ chunk hash 1 ‖ chunk hash 2 ‖ …). The chunk
 * size is in it so that the same bytes cut differently never claim the same hash.
 *
 * @param chunkSize the size of every chunk but the last
 * @param chunkHashes the chunk hashes concatenated, {@link #HASH_BYTES} each
 * @param fileHash the file hash
 */
public record ContentHash(
        int chunkSize,
        @SuppressWarnings("ArrayRecordComponent") byte[] chunkHashes,
        @SuppressWarnings("ArrayRecordComponent") byte[] fileHash) {
    /** SHA-256. */
    public static final int HASH_BYTES = 32;

    /** Reads of 1 MiB: larger ones hash no faster. */
    private static final int READ_BUFFER = 1 << 20;

    /** Reads {@code file} once, chunk by chunk, with the chunk size its size calls for. */
    public static ContentHash of(Path file) throws IOException {
        return of(file, ChunkSize.forFileSize(Files.size(file)));
    }

    /** Reads {@code file} once, cut into chunks of {@code chunkSize}. */
    public static ContentHash of(Path file, int chunkSize) throws IOException {
        MessageDigest chunk = sha256();
        ByteBuffer hashes = ByteBuffer.allocate(HASH_BYTES * 64);
        // Sized to the file too: a tree of 100 000 small files should not allocate 100 000 chunk-sized buffers.
        long size = Files.size(file);
        byte[] buffer = new byte[(int) Math.max(1, Math.min(size + 1, Math.min(chunkSize, READ_BUFFER)))];
        try (InputStream in = Files.newInputStream(file)) {
            long inChunk = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, chunkSize - inChunk))) > 0) {
                if (Thread.currentThread().isInterrupted()) { // file reads need not be interruptible
                    throw new java.io.InterruptedIOException("Stopped hashing " + file + ".");
                }
                chunk.update(buffer, 0, n);
                inChunk += n;
                if (inChunk == chunkSize) {
                    hashes = append(hashes, chunk.digest());
                    inChunk = 0;
                }
            }
            if (inChunk > 0) {
                hashes = append(hashes, chunk.digest());
            }
        }
        return fromChunkHashes(chunkSize, Arrays.copyOf(hashes.array(), hashes.position()));
    }

    /** The content hash of a file whose chunks of {@code chunkSize} hash to {@code chunkHashes}. */
    public static ContentHash fromChunkHashes(int chunkSize, byte[] chunkHashes) {
        if (chunkHashes.length % HASH_BYTES != 0) {
            throw new IllegalArgumentException(
                    "Chunk hashes come in " + HASH_BYTES + " bytes each, not " + chunkHashes.length + " in all.");
        }
        MessageDigest file = sha256();
        file.update(ByteBuffer.allocate(Long.BYTES).putLong(chunkSize).array());
        file.update(chunkHashes);
        return new ContentHash(chunkSize, chunkHashes.clone(), file.digest());
    }

    /** How many chunks the file has. */
    public int chunkCount() {
        return chunkHashes.length / HASH_BYTES;
    }

    /** The hash of chunk {@code i}, counting from 0. */
    public byte[] chunkHash(int i) {
        return Arrays.copyOfRange(chunkHashes, i * HASH_BYTES, (i + 1) * HASH_BYTES);
    }

    /** The file hash in lower-case hex. */
    public String hex() {
        return HexFormat.of().formatHex(fileHash);
    }

    private static ByteBuffer append(ByteBuffer hashes, byte[] hash) {
        ByteBuffer out = hashes;
        if (out.remaining() < hash.length) {
            out = ByteBuffer.allocate(hashes.capacity() * 2).put(hashes.flip());
        }
        return out.put(hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentHash h
                && chunkSize == h.chunkSize
                && Arrays.equals(chunkHashes, h.chunkHashes)
                && Arrays.equals(fileHash, h.fileHash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fileHash);
    }

    @Override
    public String toString() {
        return "ContentHash[" + hex() + ", " + chunkCount() + " chunks of " + chunkSize + "]";
    }
}
