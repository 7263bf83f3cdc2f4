package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {
    @TempDir
    Path dir;

    @Property(tries = 200)
    void theFileHashIsTheHashOfTheChunkSizeAndTheChunkHashesCoveringTheFileExactly(
            @ForAll @Size(max = 20_000) byte[] content, @ForAll @IntRange(min = 1, max = 4096) int chunkSize)
            throws IOException {
        Path file = Files.createTempFile("content", ".bin");
        try {
            Files.write(file, content);
            ContentHash hash = ContentHash.of(file, chunkSize);

            ByteBuffer expectedChunks = ByteBuffer.allocate(
                    ChunkSize.chunks(content.length, chunkSize) > 0
                            ? (int) ChunkSize.chunks(content.length, chunkSize) * ContentHash.HASH_BYTES
                            : 0);
            int covered = 0;
            for (int from = 0; from < content.length; from += chunkSize) {
                byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + chunkSize));
                covered += chunk.length;
                expectedChunks.put(ContentHash.sha256().digest(chunk));
            }
            MessageDigest whole = ContentHash.sha256();
            whole.update(ByteBuffer.allocate(8).putLong(chunkSize).array());
            whole.update(expectedChunks.array());

            assertThat(covered).isEqualTo(content.length);
            assertThat(hash.chunkCount()).isEqualTo((int) ChunkSize.chunks(content.length, chunkSize));
            assertThat(hash.chunkHashes()).isEqualTo(expectedChunks.array());
            assertThat(hash.fileHash()).isEqualTo(whole.digest());
            assertThat(ContentHash.fromChunkHashes(chunkSize, hash.chunkHashes()))
                    .isEqualTo(hash);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anEmptyFileHasNoChunksAndTheHashOfItsChunkSizeAlone() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));

        ContentHash hash = ContentHash.of(file);

        assertThat(hash.chunkCount()).isZero();
        assertThat(hash.chunkSize()).isEqualTo(ChunkSize.MIN);
        assertThat(hash.fileHash())
                .isEqualTo(ContentHash.sha256()
                        .digest(ByteBuffer.allocate(8).putLong(ChunkSize.MIN).array()));
    }

    @Test
    void theSameBytesCutIntoOtherChunksHaveAnotherHash() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[10_000]);

        assertThat(ContentHash.of(file, 1000).hex())
                .isNotEqualTo(ContentHash.of(file, 2000).hex());
    }

    @Test
    void aFileOfOneFullChunkHasOneChunkHash() throws IOException {
        byte[] content = new byte[ChunkSize.MIN];
        Arrays.fill(content, (byte) 7);
        Path file = Files.write(dir.resolve("f"), content);

        ContentHash hash = ContentHash.of(file);

        assertThat(hash.chunkCount()).isEqualTo(1);
        assertThat(HexFormat.of().formatHex(hash.chunkHash(0)))
                .isEqualTo(HexFormat.of().formatHex(ContentHash.sha256().digest(content)));
    }
}
