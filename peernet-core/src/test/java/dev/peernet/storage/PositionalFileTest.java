package dev.peernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files read and written at offsets: the direct (pread/pwrite) file and the FileChannel one agree. */
class PositionalFileTest {
    @TempDir
    Path dir;

    @Test
    void onLinuxWithNativeAccessALocalFolderIsReadAndWrittenDirectly() {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");

        assertThat(NativeFile.AVAILABLE).isTrue();
        assertThat(PositionalFile.directAllowedUnder(dir)).isTrue();
        assertThat(PositionalFile.directAllowedUnder(dir.resolve("not/made/yet")))
                .isTrue();
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void bytesWrittenAtAnOffsetAcrossSeveralSlicesReadBackTheSame(boolean direct) throws IOException {
        byte[] data = random(3 * NativeFile.SLICE + 17);
        Path path = dir.resolve("f.bin");

        try (PositionalFile f = PositionalFile.open(path, PositionalFile.Mode.READ_WRITE_CREATE, direct)) {
            f.write(5, data, 0, data.length);
            assertThat(f.size()).isEqualTo(5 + data.length);

            byte[] back = new byte[data.length + 100];
            assertThat(f.readFully(5, back, 3, data.length)).isEqualTo(data.length);
            assertThat(Arrays.copyOfRange(back, 3, 3 + data.length)).isEqualTo(data);
        }
        byte[] onDisk = Files.readAllBytes(path);
        assertThat(Arrays.copyOfRange(onDisk, 5, onDisk.length)).isEqualTo(data);
        assertThat(Arrays.copyOfRange(onDisk, 0, 5)).containsOnly(0);
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aReadAtTheEndSaysSoAndAReadAcrossItIsShort(boolean direct) throws IOException {
        Path path = dir.resolve("short.bin");
        Files.write(path, random(1000));

        try (PositionalFile f = PositionalFile.open(path, PositionalFile.Mode.READ_NO_FOLLOW, direct)) {
            assertThat(f.read(1000, new byte[10], 0, 10)).isEqualTo(-1);
            assertThat(f.readFully(900, new byte[500], 0, 500)).isEqualTo(100);
        }
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aFileIsTruncatedAndForced(boolean direct) throws IOException {
        Path path = dir.resolve("t.bin");
        try (PositionalFile f = PositionalFile.open(path, PositionalFile.Mode.READ_WRITE_CREATE, direct)) {
            f.write(0, random(4096), 0, 4096);
            f.truncate(100);
            f.force(true);
            f.force(false);
            assertThat(f.size()).isEqualTo(100);
        }
        assertThat(Files.size(path)).isEqualTo(100);
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aMissingFileIsNoSuchFile(boolean direct) {
        Path path = dir.resolve("missing.bin");

        assertThatThrownBy(() -> PositionalFile.open(path, PositionalFile.Mode.READ_NO_FOLLOW, direct))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.bin");
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aSymbolicLinkAtTheEndIsNotFollowedForReading(boolean direct) throws IOException {
        Path target = dir.resolve("target.bin");
        Files.write(target, random(10));
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), target);

        assertThatThrownBy(() -> PositionalFile.open(link, PositionalFile.Mode.READ_NO_FOLLOW, direct))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Too many levels of symbolic links");
    }

    @Test
    void aDirectFailureCarriesTheSystemsReason() {
        assumeThat(NativeFile.AVAILABLE).isTrue();
        Path path = dir.resolve("no/such/folder/f.bin");

        assertThatThrownBy(() -> PositionalFile.open(path, PositionalFile.Mode.READ_WRITE_CREATE, true))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void writingAfterTheWholeArrayIsRefusedBeforeAnyCall() throws IOException {
        assumeThat(NativeFile.AVAILABLE).isTrue();
        try (PositionalFile f =
                PositionalFile.open(dir.resolve("bounds.bin"), PositionalFile.Mode.READ_WRITE_CREATE, true)) {
            assertThatThrownBy(() -> f.write(0, new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> f.read(0, new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }
}
