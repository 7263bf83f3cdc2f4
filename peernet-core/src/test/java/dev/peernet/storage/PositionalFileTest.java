package dev.peernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
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
    void aFileBelowItsFolderThroughNoLinkIsOpenedBeneathIt(boolean direct) throws IOException {
        Path root = Files.createDirectories(dir.resolve("share")).toRealPath();
        byte[] data = random(5000);
        Path real = Files.write(Files.createDirectories(root.resolve("a/b")).resolve("f.bin"), data);

        try (PositionalFile f = PositionalFile.openBeneath(root, real, direct)) {
            byte[] back = new byte[data.length];
            assertThat(f.readFully(0, back, 0, back.length)).isEqualTo(data.length);
            assertThat(back).isEqualTo(data);
            assertThat(f.size()).isEqualTo(data.length);
        }
    }

    /**
     * The race a local user could win: the path was checked (it had no link), then a folder on it
     * was swapped for a link to a folder outside holding a file of the same name. On Linux the open
     * itself refuses it, so nothing outside is read.
     */
    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aFolderSwappedForALinkOutsideAfterTheCheckIsRefusedByTheOpen(boolean direct) throws IOException {
        assumeThat(NativeFile.AVAILABLE).isTrue();
        Path root = Files.createDirectories(dir.resolve("share")).toRealPath();
        Path checked = Files.write(Files.createDirectories(root.resolve("docs")).resolve("f.txt"), random(10));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("f.txt"), "SECRET");
        Files.move(root.resolve("docs"), dir.resolve("moved-away"));
        Files.createSymbolicLink(root.resolve("docs"), outside);

        assertThatThrownBy(() -> PositionalFile.openBeneath(root, checked, direct))
                .isInstanceOf(NotBeneathException.class)
                .hasMessage(checked + ": it now goes through a link or out of " + root);
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aFileSwappedForALinkInsideAfterTheCheckIsRefusedToo(boolean direct) throws IOException {
        assumeThat(NativeFile.AVAILABLE).isTrue();
        Path root = Files.createDirectories(dir.resolve("share")).toRealPath();
        Path other = Files.write(root.resolve("other.bin"), random(10));
        Path checked = Files.write(root.resolve("f.bin"), random(10));
        Files.delete(checked);
        Files.createSymbolicLink(checked, other);

        assertThatThrownBy(() -> PositionalFile.openBeneath(root, checked, direct))
                .isInstanceOf(NotBeneathException.class);
    }

    @Test
    void aPathThatIsNotBelowTheFolderIsRefusedBeforeAnyOpen() throws IOException {
        Path root = Files.createDirectories(dir.resolve("share")).toRealPath();
        Path outside = Files.write(dir.resolve("outside.bin"), random(10));

        assertThatThrownBy(() -> PositionalFile.openBeneath(root, outside, true))
                .isInstanceOf(NativeFile.AVAILABLE ? NotBeneathException.class : IOException.class);
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aFileGoneSinceTheCheckIsNoSuchFile(boolean direct) throws IOException {
        Path root = Files.createDirectories(dir.resolve("share")).toRealPath();

        assertThatThrownBy(() -> PositionalFile.openBeneath(root, root.resolve("gone.bin"), direct))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("gone.bin");
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

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aClosedFileRefusesEveryCallAndLeavesTheFileOpenedAfterItAlone(boolean direct) throws IOException {
        PositionalFile closed =
                PositionalFile.open(dir.resolve("a.bin"), PositionalFile.Mode.READ_WRITE_CREATE, direct);
        closed.write(0, random(10), 0, 10);
        closed.close();
        Path other = dir.resolve("b.bin");
        byte[] kept = random(100);
        Files.write(other, kept);

        try (PositionalFile next = PositionalFile.open(other, PositionalFile.Mode.READ_WRITE_CREATE, direct)) {
            // the next open may well get the closed file's descriptor number
            assertThat(closed.isOpen()).isFalse();
            assertThatThrownBy(() -> closed.write(0, new byte[50], 0, 50)).isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> closed.read(0, new byte[50], 0, 50)).isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> closed.truncate(0)).isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> closed.force(true)).isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(closed::size).isInstanceOf(ClosedChannelException.class);
            assertThat(next.size()).isEqualTo(100);
        }
        assertThat(Files.readAllBytes(other)).isEqualTo(kept);
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {true, false})
    void aSymbolicLinkIsNotFollowedForWritingEither(boolean direct) throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "mine");
        Path link = Files.createSymbolicLink(dir.resolve(".x.peernet-part"), victim);

        assertThatThrownBy(() -> PositionalFile.open(link, PositionalFile.Mode.READ_WRITE_CREATE, direct)
                        .close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Too many levels of symbolic links");
        assertThat(victim).hasContent("mine");
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
