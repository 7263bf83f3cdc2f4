package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ChunkSizeTest {
    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    @Test
    void smallFilesUseTheSmallestChunk() {
        assertThat(ChunkSize.forFileSize(0)).isEqualTo(ChunkSize.MIN);
        assertThat(ChunkSize.forFileSize(1)).isEqualTo(ChunkSize.MIN);
        assertThat(ChunkSize.forFileSize(2000 * 256 * 1024L)).isEqualTo(ChunkSize.MIN);
    }

    @Test
    void theChunkDoublesOnceAFileWouldHaveMoreThanTwoThousandChunks() {
        assertThat(ChunkSize.forFileSize(2000 * 256 * 1024L + 1)).isEqualTo(512 * 1024);
        assertThat(ChunkSize.forFileSize(GIB)).isEqualTo(1024 * 1024);
        assertThat(ChunkSize.forFileSize(2 * GIB)).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void filesOverFourGibibytesGetLargerChunksWithoutOverflow() {
        long size = 4 * GIB + 1;
        int chunk = ChunkSize.forFileSize(size);

        assertThat(chunk).isEqualTo(4 * 1024 * 1024);
        assertThat(ChunkSize.chunks(size, chunk)).isEqualTo(1025);
    }

    @Test
    void hugeFilesStopAtSixteenMebibytesAndHaveMoreChunks() {
        assertThat(ChunkSize.forFileSize(1024 * GIB)).isEqualTo(ChunkSize.MAX);
        assertThat(ChunkSize.chunks(1024 * GIB, ChunkSize.MAX)).isEqualTo(65_536);
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> ChunkSize.forFileSize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A file size cannot be negative: -1.");
    }

    @Property
    void theChunkIsTheSmallestPowerOfTwoInRangeThatKeepsTwoThousandChunks(
            @ForAll @LongRange(min = 0, max = 1L << 45) long size) {
        int chunk = ChunkSize.forFileSize(size);

        assertThat(Integer.bitCount(chunk)).isEqualTo(1);
        assertThat(chunk).isBetween(ChunkSize.MIN, ChunkSize.MAX);
        if (chunk < ChunkSize.MAX) {
            assertThat(ChunkSize.chunks(size, chunk)).isLessThanOrEqualTo(ChunkSize.TARGET_CHUNKS);
        }
        if (chunk > ChunkSize.MIN) {
            assertThat(ChunkSize.chunks(size, chunk / 2)).isGreaterThan(ChunkSize.TARGET_CHUNKS);
        }
    }
}
