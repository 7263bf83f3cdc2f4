package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
    @TempDir
    Path dir;

    private Path root;
    private ShareStore store;
    private Share share;

    @BeforeEach
    void open() throws IOException {
        root = Files.createDirectories(dir.resolve("root")).toRealPath();
        store = ShareStore.open(dir.resolve("shares.db"));
        share = new Share("s", root, false, true, List.of(), Instant.EPOCH);
        store.add(share);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstScanIndexesEveryFileWithItsPathRelativeToTheRoot() throws IOException {
        write("a.txt", "alpha");
        write("sub/deeper/b.txt", "beta");

        ScanResult result = Scanner.scan(store, share);

        assertThat(result.hashed()).containsExactlyInAnyOrder("a.txt", "sub/deeper/b.txt");
        IndexedFile b = store.files("s").get("sub/deeper/b.txt");
        assertThat(b.size()).isEqualTo(4);
        assertThat(b.mtimeMillis())
                .isEqualTo(Files.getLastModifiedTime(root.resolve("sub/deeper/b.txt"))
                        .toMillis());
        assertThat(b.hash()).isEqualTo(ContentHash.of(root.resolve("sub/deeper/b.txt")));
    }

    @Test
    void aRescanHashesOnlyTheFileWhoseSizeOrMtimeChanged() throws IOException {
        write("a.txt", "alpha");
        write("b.txt", "beta");
        write("c.txt", "gamma");
        Scanner.scan(store, share);
        write("b.txt", "BETA");
        Files.setLastModifiedTime(root.resolve("b.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        ScanResult result = Scanner.scan(store, share);

        assertThat(result.hashed()).containsExactly("b.txt");
        assertThat(result.unchanged()).isEqualTo(2);
        assertThat(store.files("s").get("b.txt").hash()).isEqualTo(ContentHash.of(root.resolve("b.txt")));
    }

    @Test
    void aDeletedFileLeavesTheIndex() throws IOException {
        write("a.txt", "alpha");
        write("gone/b.txt", "beta");
        Scanner.scan(store, share);
        Files.delete(root.resolve("gone/b.txt"));

        ScanResult result = Scanner.scan(store, share);

        assertThat(result.removed()).containsExactly("gone/b.txt");
        assertThat(result.hashed()).isEmpty();
        assertThat(store.files("s")).containsOnlyKeys("a.txt");
    }

    @Test
    void symlinksLeavingTheShareAreNotFollowed() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("to-secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("to-outside"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nothing"));
        write("own.txt", "own");

        Scanner.scan(store, share);

        assertThat(store.files("s")).containsOnlyKeys("own.txt");
    }

    @Test
    void aSymlinkToAFileInsideTheShareIsIndexedUnderItsOwnPathButADirectoryLinkIsNotEntered() throws IOException {
        write("real/a.txt", "alpha");
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real/a.txt"));
        Files.createSymbolicLink(root.resolve("loop"), root);

        Scanner.scan(store, share);

        assertThat(store.files("s")).containsOnlyKeys("real/a.txt", "alias.txt");
        assertThat(store.files("s").get("alias.txt").hash())
                .isEqualTo(store.files("s").get("real/a.txt").hash());
    }

    @Test
    void anEmptyShareHasAnEmptyIndex() throws IOException {
        ScanResult result = Scanner.scan(store, share);

        assertThat(result).isEqualTo(new ScanResult(List.of(), 0, List.of()));
        assertThat(store.totals("s")).containsExactly(0, 0);
    }

    @Test
    void aShareWhoseFolderWasDeletedFailsToScanAndKeepsItsIndex() throws IOException {
        write("a.txt", "alpha");
        Scanner.scan(store, share);
        Files.delete(root.resolve("a.txt"));
        Files.delete(root);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scanner.scan(store, share))
                .isInstanceOf(IOException.class)
                .hasMessage("The shared folder " + root + " is gone; its index stays as it was.");
        assertThat(store.files("s")).containsOnlyKeys("a.txt");
    }

    @Test
    void aTransfersPartFileIsNotIndexedWhileItsBytesArrive() throws IOException {
        write("a.txt", "alpha");
        write("inbox/.movie.bin.peernet-part", "half a movie");
        write("inbox/.peernet-0123456789abcdef0123456789abcdef.peernet-part", "half of a long name");
        write("inbox/notes.peernet-part", "a file a user named so");

        Scanner.scan(store, share);

        assertThat(store.files("s")).containsOnlyKeys("a.txt", "inbox/notes.peernet-part");
    }

    @Test
    void aShareWhoseFolderWasSwappedForALinkIsNotScannedAndNothingOfTheLinksTargetIsIndexed() throws IOException {
        write("a.txt", "alpha");
        Scanner.scan(store, share);
        Path secret = Files.createDirectories(dir.resolve("private"));
        Files.writeString(secret.resolve("secret.txt"), "not shared");
        Files.delete(root.resolve("a.txt"));
        Files.delete(root);
        Files.createSymbolicLink(root, secret);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scanner.scan(store, share))
                .isInstanceOf(IOException.class)
                .hasMessage("The shared folder " + root + " now leads to " + secret.toRealPath()
                        + " through a link, so it is not scanned; share " + secret.toRealPath()
                        + " itself if that is meant.");
        assertThat(store.files("s")).containsOnlyKeys("a.txt");
    }

    @Test
    void aDirectoryScanComparesOnlyThatDirectorysOwnFiles() throws IOException {
        write("a.txt", "alpha");
        write("sub/b.txt", "beta");
        write("sub/gone.txt", "gone");
        write("sub/deeper/c.txt", "gamma");
        Scanner.scan(store, share);
        write("sub/b.txt", "BETA!");
        write("sub/deeper/c.txt", "GAMMA!");
        Files.delete(root.resolve("sub/gone.txt"));
        Files.delete(root.resolve("a.txt"));

        ScanResult result =
                Scanner.scan(store, share, new Changes(Set.of("sub"), Set.of()), dir -> {}, Optional.empty());

        assertThat(result.hashed()).containsExactly("sub/b.txt");
        assertThat(result.removed()).containsExactly("sub/gone.txt");
        assertThat(store.files("s")).containsOnlyKeys("a.txt", "sub/b.txt", "sub/deeper/c.txt");
        assertThat(store.files("s").get("sub/deeper/c.txt").size()).isEqualTo(5);
    }

    @Test
    void aTreeScanOfAVanishedDirectoryDropsEverythingUnderItAndNothingBesideIt() throws IOException {
        write("sub/x.txt", "x");
        write("sub/y/z.txt", "z");
        write("subway.txt", "prefix, not parent");
        write("sub-2/q.txt", "sorts between sub and sub/");
        Scanner.scan(store, share);
        Files.delete(root.resolve("sub/y/z.txt"));
        Files.delete(root.resolve("sub/y"));
        Files.delete(root.resolve("sub/x.txt"));
        Files.delete(root.resolve("sub"));

        ScanResult result =
                Scanner.scan(store, share, new Changes(Set.of(), Set.of("sub")), dir -> {}, Optional.empty());

        assertThat(result.removed()).containsExactly("sub/x.txt", "sub/y/z.txt");
        assertThat(store.files("s")).containsOnlyKeys("subway.txt", "sub-2/q.txt");
    }

    @Test
    void aTreeScanOfANewDirectoryIndexesItAndTellsOfEachDirectoryItEnters() throws IOException {
        Scanner.scan(store, share);
        write("new/a.txt", "alpha");
        write("new/deep/b.txt", "beta");
        List<Path> entered = new ArrayList<>();

        ScanResult result =
                Scanner.scan(store, share, new Changes(Set.of(), Set.of("new")), entered::add, Optional.empty());

        assertThat(result.hashed()).containsExactlyInAnyOrder("new/a.txt", "new/deep/b.txt");
        assertThat(entered).containsExactly(root.resolve("new"), root.resolve("new/deep"));
    }

    @Test
    void aScanOfADirectoryReachedThroughALinkIndexesNothingOutsideTheShare() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside/inner"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("sub"), outside.getParent());

        Scanner.scan(store, share, new Changes(Set.of("sub/inner"), Set.of()), d -> {}, Optional.empty());
        Scanner.scan(store, share, new Changes(Set.of(), Set.of("sub/inner")), d -> {}, Optional.empty());

        assertThat(store.files("s")).isEmpty();
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
