package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peernet.storage.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Changes made while the shares are open reach the index with no rescan asked for. */
@Timeout(60)
class SharesWatchTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"));
    private static final WatchSettings FAST = new WatchSettings(
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Duration.ofMinutes(10),
            Integer.MAX_VALUE,
            Duration.ofMillis(200));
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path folder;
    private Shares shares;

    @BeforeEach
    void open() throws Exception {
        folder = Files.createDirectories(dir.resolve("music")).toRealPath();
        Files.writeString(folder.resolve("song.txt"), "la la la");
        Files.createDirectories(folder.resolve("album"));
        Files.writeString(folder.resolve("album/track.txt"), "do re mi");
        Files.createDirectories(dir.resolve("state"));
        shares = Shares.open(dir.resolve("state/shares.db"), CLOCK, FAST);
        shares.add(folder, Optional.empty(), false, true, List.of());
        shares.rescan("music").get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        shares.close();
    }

    @Test
    void aCreatedFileReachesTheIndex() throws Exception {
        Files.writeString(folder.resolve("album/new.txt"), "fa so la");

        await().atMost(BOUND).until(() -> indexed().containsKey("album/new.txt"));
        assertThat(indexed().get("album/new.txt").hash()).isEqualTo(ContentHash.of(folder.resolve("album/new.txt")));
    }

    @Test
    void aModifiedFileIsHashedAgain() throws Exception {
        Files.writeString(folder.resolve("song.txt"), "la la la la");

        await().atMost(BOUND).until(() -> indexed().get("song.txt").size() == 11);
        assertThat(indexed().get("song.txt").hash()).isEqualTo(ContentHash.of(folder.resolve("song.txt")));
    }

    @Test
    void aDeletedFileLeavesTheIndex() throws Exception {
        Files.delete(folder.resolve("album/track.txt"));

        await().atMost(BOUND).until(() -> !indexed().containsKey("album/track.txt"));
        assertThat(indexed()).containsOnlyKeys("song.txt");
    }

    @Test
    void aDeletedDirectoryLeavesTheIndexWithEverythingInIt() throws Exception {
        Files.createDirectories(folder.resolve("album/disc2"));
        Files.writeString(folder.resolve("album/disc2/track.txt"), "si do");
        await().atMost(BOUND).until(() -> indexed().containsKey("album/disc2/track.txt"));

        Files.delete(folder.resolve("album/disc2/track.txt"));
        Files.delete(folder.resolve("album/disc2"));
        Files.delete(folder.resolve("album/track.txt"));
        Files.delete(folder.resolve("album"));

        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("song.txt")));
        assertThat(shares.watcher().watchedDirectories("music")).isEqualTo(1);
    }

    @Test
    void aRenamedFileIsIndexedUnderItsNewNameOnly() throws Exception {
        Files.move(folder.resolve("album/track.txt"), folder.resolve("album/renamed.txt"));

        await().atMost(BOUND).until(() -> indexed().containsKey("album/renamed.txt"));
        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("song.txt", "album/renamed.txt")));
    }

    @Test
    void aRenamedDirectoryIsIndexedAndWatchedAtItsNewPath() throws Exception {
        Files.move(folder.resolve("album"), folder.resolve("record"));

        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("song.txt", "record/track.txt")));
        Files.writeString(folder.resolve("record/b-side.txt"), "ti do");
        await().atMost(BOUND).until(() -> indexed().containsKey("record/b-side.txt"));
        assertThat(shares.watcher().watchedDirectories("music")).isEqualTo(2);
    }

    @Test
    void aNewSubdirectoryWithFilesIsIndexedAndWatched() throws Exception {
        Files.createDirectories(folder.resolve("new/deeper"));
        Files.writeString(folder.resolve("new/a.txt"), "a");
        Files.writeString(folder.resolve("new/deeper/b.txt"), "b");

        await().atMost(BOUND).until(() -> indexed().keySet().containsAll(List.of("new/a.txt", "new/deeper/b.txt")));
        assertThat(shares.watcher().watchedDirectories("music")).isEqualTo(4);
        Files.writeString(folder.resolve("new/deeper/c.txt"), "c");
        await().atMost(BOUND).until(() -> indexed().containsKey("new/deeper/c.txt"));
    }

    @Test
    void aDirectoryMovedOutOfTheShareLeavesTheIndexAndIsNoLongerWatched() throws Exception {
        Path away = dir.resolve("away");

        Files.move(folder.resolve("album"), away);

        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("song.txt")));
        assertThat(shares.watcher().watchedDirectories("music")).isEqualTo(1);
    }

    @Test
    void aShareInsideAnotherIsKeptCurrentInBoth() throws Exception {
        shares.add(folder.resolve("album"), Optional.empty(), false, true, List.of());
        shares.rescan("album").get(10, TimeUnit.SECONDS);

        Files.writeString(folder.resolve("album/both.txt"), "both");

        await().atMost(BOUND).until(() -> indexed().containsKey("album/both.txt"));
        await().atMost(BOUND).until(() -> indexed("album").containsKey("both.txt"));
        assertThat(shares.watcher().watchedDirectories()).isEqualTo(2); // one watch for the shared directory
    }

    @Test
    void removingAShareStopsItsWatch() throws Exception {
        assertThat(shares.watcher().watchedDirectories()).isEqualTo(2);

        shares.remove("music");

        assertThat(shares.watcher().watchedDirectories()).isZero();
    }

    @Test
    void theNodesOwnStateDirectoryInsideAShareIsNotWatched() throws Exception {
        shares.add(dir.toRealPath(), Optional.of("everything"), false, true, List.of());
        shares.rescan("everything").get(10, TimeUnit.SECONDS);

        // dir, music, music/album; not state, whose index writes would each start another scan
        assertThat(shares.watcher().watchedDirectories("everything")).isEqualTo(3);
    }

    @Test
    void reopenedSharesAreWatchedFromTheirFirstScan() throws Exception {
        shares.close();
        shares = Shares.open(dir.resolve("state/shares.db"), CLOCK, FAST);
        shares.rescanAll();
        await().atMost(BOUND).until(() -> shares.watcher().watchedDirectories("music") == 2);

        Files.writeString(folder.resolve("album/after.txt"), "after");

        await().atMost(BOUND).until(() -> indexed().containsKey("album/after.txt"));
    }

    @Test
    void aSharedFolderDeletedAndMadeAgainIsIndexedAndWatchedAgain() throws Exception {
        deleteTree(folder);
        await().atMost(BOUND).until(() -> shares.watcher().watchedDirectories("music") == 0);
        await().atMost(BOUND).until(this::gone); // the scan its deletion started has ended: nothing else would look

        Files.createDirectories(folder);
        Files.writeString(folder.resolve("back.txt"), "back again");

        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("back.txt")));
        await().atMost(BOUND).until(() -> shares.watcher().watchedDirectories("music") == 1);
        Files.writeString(folder.resolve("later.txt"), "and later");
        await().atMost(BOUND).until(() -> indexed().containsKey("later.txt"));
    }

    @Test
    void aSharedFolderMissingWhenTheNodeStartsIsIndexedAndWatchedOnceItIsThere() throws Exception {
        shares.close();
        deleteTree(folder);
        shares = Shares.open(dir.resolve("state/shares.db"), CLOCK, FAST);
        shares.rescanAll();
        await().atMost(BOUND).until(this::gone);

        Files.createDirectories(folder.resolve("album"));
        Files.writeString(folder.resolve("album/track.txt"), "do re mi");

        await().atMost(BOUND).until(() -> indexed().keySet().equals(Set.of("album/track.txt")));
        await().atMost(BOUND).until(() -> shares.watcher().watchedDirectories("music") == 2);
    }

    /**
     * A folder where a drive is mounted (a tmpfs here) is shared; the drive is unmounted, which
     * leaves the empty folder it was mounted on. Its index stays, the share says why, and nothing
     * is scanned until a drive is mounted there again; then it is scanned and watched.
     */
    @Test
    void aSharedMountPointKeepsItsIndexWhileNothingIsMountedAndIsWatchedAgainOnceADriveIs() throws Exception {
        withAnUnmountedSharedDrive(drive -> {
            Thread.sleep(1000); // five looks for the folder

            assertThat(indexed("drive")).containsOnlyKeys("photo.jpg");
            assertThat(shares.watcher().watchedDirectories("drive")).isZero();

            Tmpfs.mount(drive, "1m");
            Files.writeString(drive.resolve("photo.jpg"), "a photo");
            Files.writeString(drive.resolve("more.jpg"), "another");

            await().atMost(BOUND).until(() -> indexed("drive").keySet().equals(Set.of("photo.jpg", "more.jpg")));
            await().atMost(BOUND).until(() -> shares.watcher().watchedDirectories("drive") == 1);
            Files.writeString(drive.resolve("last.jpg"), "and one more");
            await().atMost(BOUND).until(() -> indexed("drive").containsKey("last.jpg"));
        });
    }

    /**
     * The same shared mount point, its drive unmounted for good and files put in the plain folder
     * left: that folder is scanned, so a share is not refused for ever once its drive is gone.
     */
    @Test
    void aSharedMountPointWhoseFolderGetsFilesOfItsOwnAfterTheDriveIsGoneIsScanned() throws Exception {
        withAnUnmountedSharedDrive(drive -> {
            Files.writeString(drive.resolve("plain.txt"), "on the disk below");

            await().atMost(BOUND).until(() -> indexed("drive").keySet().equals(Set.of("plain.txt")));
            assertThat(scanError("drive")).isEmpty();
        });
    }

    /**
     * A plain shared folder gets a drive mounted on it (a share made before the drive was
     * plugged in, or a node started before its mount): no event comes from the folder it hides,
     * yet what the drive holds is indexed and watched.
     */
    @Test
    void aDriveMountedOnAWatchedSharedFolderIsIndexedAndWatched() throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: mounting a tmpfs needs root");
        Path drive = Files.createDirectories(dir.resolve("drive")).toRealPath();
        Files.writeString(drive.resolve("plain.txt"), "on the disk below");
        shares.add(drive, Optional.empty(), false, true, List.of());
        shares.rescan("drive").get(10, TimeUnit.SECONDS);
        try {
            Tmpfs.mount(drive, "1m");
            Files.writeString(drive.resolve("photo.jpg"), "a photo");

            await().atMost(BOUND).until(() -> indexed("drive").keySet().equals(Set.of("photo.jpg")));
            Files.writeString(drive.resolve("more.jpg"), "another");
            await().atMost(BOUND).until(() -> indexed("drive").containsKey("more.jpg"));
        } finally {
            shares.close();
            Tmpfs.unmountAll(drive);
        }
    }

    private interface DriveTest {
        void run(Path drive) throws Exception;
    }

    /**
     * Shares "drive", a tmpfs holding photo.jpg, unmounts it and waits for the share to say so,
     * then runs {@code test}; after it, closes the shares (no scan holds the drive) and leaves no
     * mount behind.
     */
    private void withAnUnmountedSharedDrive(DriveTest test) throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: mounting a tmpfs needs root");
        Path drive = Files.createDirectories(dir.resolve("drive")).toRealPath();
        Tmpfs.mount(drive, "1m");
        try {
            Files.writeString(drive.resolve("photo.jpg"), "a photo");
            shares.add(drive, Optional.empty(), false, true, List.of());
            shares.rescan("drive").get(10, TimeUnit.SECONDS);
            Tmpfs.unmount(drive);
            await().atMost(BOUND).until(() -> scanError("drive").contains("none is mounted there now"));
            test.run(drive);
        } finally {
            shares.close();
            Tmpfs.unmountAll(drive);
        }
    }

    private String scanError(String share) throws Exception {
        return shares.status(share).scanError().orElse("");
    }

    private boolean gone() throws Exception {
        return shares.list().stream().anyMatch(s -> s.scanError().orElse("").contains("is gone"));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Map<String, IndexedFile> indexed() throws Exception {
        return indexed("music");
    }

    private Map<String, IndexedFile> indexed(String share) throws Exception {
        return shares.files(share).stream().collect(Collectors.toMap(IndexedFile::path, Function.identity()));
    }
}
