package dev.peernet.transfer;

import dev.peernet.share.ChunkSize;
import dev.peernet.share.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a transfer checks before it fetches: that a member's description of a file holds together,
 * and what of each file is on disk already. A part file is trusted chunk by chunk only after its
 * bytes hash right again (a crash, kill -9 or power loss may have left any of it unwritten or
 * torn); a destination that already has the file's size and mtime is hashed whole and kept if it
 * is the same content (a crash between the rename and recording it, or fetching the same again).
 */
final class Preparation {
    private Preparation() {}

    /** Finds what of {@code files} is on disk already, before any source is asked (until {@code stopped}). */
    static void prepare(List<FileTask> files, Placement placement, BooleanSupplier stopped) throws IOException {
        List<FileTask> inPlace = new ArrayList<>();
        for (FileTask f : files) {
            if (stopped.getAsBoolean()) {
                return;
            }
            if (f.finished()) {
                continue;
            }
            if (f.part.exists()) {
                placement.checking(f);
                BitSet good;
                try {
                    good = verified(f, placement::checked);
                } catch (IOException | RuntimeException e) {
                    placement.checkFailed(f);
                    throw e;
                }
                placement.resumed(f, good);
            } else if (alreadyThere(f.target, f.remote())) {
                inPlace.add(f);
            } else {
                placement.resumed(f, new BitSet());
            }
        }
        if (!inPlace.isEmpty()) {
            placement.alreadyInPlace(inPlace);
        }
    }

    /**
     * The chunks of {@code f}'s part file that hash right, each told to {@code good} as it is found
     * (so a long check shows progress); the file is closed afterwards.
     */
    static BitSet verified(FileTask f, java.util.function.IntConsumer good) throws IOException {
        BitSet ok = new BitSet();
        long size = f.part.size();
        byte[] buffer = new byte[(int) Math.min(f.remote().hash().chunkSize(), Math.max(size, 1))];
        try {
            for (int i = 0; i < f.chunkCount() && f.offset(i) + f.chunkLength(i) <= size; i++) {
                int length = f.chunkLength(i);
                if (f.part.read(f.offset(i), buffer, length) == length
                        && matches(buffer, length, f.remote().hash().chunkHash(i))) {
                    ok.set(i);
                    good.accept(length);
                }
            }
        } finally {
            f.part.close();
        }
        return ok;
    }

    private static boolean alreadyThere(Path target, RemoteFile remote) throws IOException {
        if (!Files.isRegularFile(target)) {
            return false;
        }
        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
        if (a.size() != remote.size() || a.lastModifiedTime().toMillis() != remote.mtimeMillis()) {
            return false;
        }
        return ContentHash.of(target, remote.hash().chunkSize()).equals(remote.hash());
    }

    /**
     * {@code f} if its size, chunk size, chunk hashes and file hash agree (ADR 0010), so that every
     * verified chunk adds up to the file the member named.
     */
    static RemoteFile checked(RemoteFile f) throws IOException {
        ContentHash h = f.hash();
        boolean consistent = f.size() >= 0
                && h.chunkSize() > 0
                && h.chunkSize() <= ChunkSize.MAX
                && ChunkSize.chunks(f.size(), h.chunkSize()) == h.chunkCount()
                && Arrays.equals(
                        ContentHash.fromChunkHashes(h.chunkSize(), h.chunkHashes())
                                .fileHash(),
                        h.fileHash());
        if (!consistent) {
            throw new IOException("The member described " + f.location()
                    + " inconsistently (its size, chunk size and hashes do not agree), so it cannot be fetched.");
        }
        return f;
    }

    /** Whether the first {@code length} bytes of {@code data} have SHA-256 {@code hash}. */
    static boolean matches(byte[] data, int length, byte[] hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, length);
            return MessageDigest.isEqual(sha.digest(), hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
