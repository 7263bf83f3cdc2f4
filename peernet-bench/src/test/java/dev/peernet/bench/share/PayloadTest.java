package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadTest {
    @TempDir
    Path dir;

    @Test
    void aSeedAlwaysGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        Payload.writeFile(dir.resolve("a"), 100_000, 7);
        Payload.writeFile(dir.resolve("b"), 100_000, 7);
        Payload.writeFile(dir.resolve("c"), 100_000, 8);

        assertThat(Files.mismatch(dir.resolve("a"), dir.resolve("b"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a"), dir.resolve("c"))).isNotEqualTo(-1L);
    }

    @Test
    void aFileHasExactlyTheAskedSizeAcrossBufferAndWordBoundaries() throws IOException {
        long size = (1 << 20) * 2 + 13;
        Payload.writeFile(dir.resolve("odd"), size, 1);
        Payload.writeFile(dir.resolve("empty"), 0, 1);

        assertThat(Files.size(dir.resolve("odd"))).isEqualTo(size);
        assertThat(Files.size(dir.resolve("empty"))).isZero();
    }

    @Test
    void aChangedByteIsReportedWithItsOffset() throws IOException {
        Payload.writeFile(dir.resolve("sent"), 5000, 3);
        Files.copy(dir.resolve("sent"), dir.resolve("got"));
        try (FileChannel ch = FileChannel.open(dir.resolve("got"), StandardOpenOption.WRITE)) {
            ch.write(
                    java.nio.ByteBuffer.wrap(new byte[] {(byte) ~Files.readAllBytes(dir.resolve("sent"))[4321]}), 4321);
        }

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got")))
                .hasValue("sent differs from the byte at offset 4321 (sizes 5000 and 5000)");
    }

    @Test
    void aCopiedFolderHasNoDifferenceAndOneWithAFileMissingOrExtraHasOne() throws IOException {
        Payload.writeFiles(dir.resolve("sent"), 5, 1000, 9);
        Payload.writeFiles(dir.resolve("got"), 5, 1000, 9);

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got"))).isEmpty();

        Files.move(dir.resolve("got/f00004.bin"), dir.resolve("got/other.bin"));
        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got")))
                .hasValue(dir.resolve("got") + " holds 5 files instead of 5 (missing f00004.bin, extra other.bin)");
    }

    @Test
    void hiddenFilesSuchAsPartialDownloadsAreLeftOutOfTheComparison() throws IOException {
        Payload.writeFiles(dir.resolve("sent"), 2, 100, 1);
        Payload.writeFiles(dir.resolve("got"), 2, 100, 1);
        Files.writeString(dir.resolve("got/.f00001.bin.peernet-part"), "partial");
        Files.createDirectories(dir.resolve("got/.stfolder"));

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got"))).isEmpty();
    }

    @Test
    void nothingReceivedIsADifference() throws IOException {
        Payload.writeFile(dir.resolve("sent"), 10, 1);

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("never")))
                .hasValue(dir.resolve("never") + " does not exist");
    }

    @Test
    void deleteRemovesATreeAndIgnoresWhatIsNotThere() throws IOException {
        Payload.writeFiles(dir.resolve("tree/sub"), 3, 10, 1);

        Payload.delete(dir.resolve("tree"));
        Payload.delete(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
    }
}
