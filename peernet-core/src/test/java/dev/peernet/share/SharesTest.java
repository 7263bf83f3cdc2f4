package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SharesTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"));

    @TempDir
    Path dir;

    private Path folder;
    private Shares shares;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createDirectories(dir.resolve("music")).toRealPath();
        Files.writeString(folder.resolve("song.txt"), "la la la");
        shares = Shares.open(dir.resolve("shares.db"), CLOCK);
    }

    @AfterEach
    void close() {
        shares.close();
    }

    @Test
    void anAddedShareIsNamedAfterItsFolderReadOnlyAndScannedInTheBackground() throws Exception {
        Share share = shares.add(folder, Optional.empty(), false, true, List.of());
        shares.rescan("music").get(10, TimeUnit.SECONDS);

        ShareStatus status = shares.status("music");
        assertThat(share.name()).isEqualTo("music");
        assertThat(share.writable()).isFalse();
        assertThat(status.files()).isEqualTo(1);
        assertThat(status.bytes()).isEqualTo(8);
        assertThat(status.scanning()).isFalse();
        assertThat(status.scannedAt()).contains(CLOCK.instant());
        assertThat(shares.files("music")).extracting(IndexedFile::path).containsExactly("song.txt");
    }

    @Test
    void aShareRemovedWhileItsFirstScanRunsAndAddedAgainUnderItsNameHoldsOnlyTheNewFolder() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big")).toRealPath();
        for (int i = 0; i < 3000; i++) {
            Files.writeString(big.resolve("f" + i + ".txt"), "file " + i);
        }
        Path small = Files.createDirectories(dir.resolve("small")).toRealPath();
        Files.writeString(small.resolve("only.txt"), "only");

        shares.add(big, Optional.of("x"), false, true, List.of());
        shares.remove("x");
        shares.add(small, Optional.of("x"), false, true, List.of());
        shares.rescan("x").get(10, TimeUnit.SECONDS);

        assertThat(shares.files("x")).extracting(IndexedFile::path).containsExactly("only.txt");
        assertThat(shares.status("x").scanError()).isEmpty();
    }

    @Test
    void aShareForSomeMembersKeepsTheirIds() throws Exception {
        PeerId beta = ShareStoreTest.peer(2);

        Share share = shares.add(folder, Optional.of("tunes"), true, false, List.of(beta));

        assertThat(shares.list()).extracting(ShareStatus::share).containsExactly(share);
        assertThat(share.visibleTo(beta)).isTrue();
        assertThat(share.visibleTo(ShareStoreTest.peer(3))).isFalse();
    }

    @Test
    void aRelativePathIsRefused() {
        assertThatThrownBy(() -> shares.add(Path.of("music"), Optional.empty(), false, true, List.of()))
                .isInstanceOf(ShareException.class)
                .hasMessage("The path music is not absolute.");
    }

    @Test
    void aMissingPathIsRefused() {
        assertThatThrownBy(() -> shares.add(dir.resolve("nothing"), Optional.empty(), false, true, List.of()))
                .isInstanceOf(ShareException.class)
                .hasMessage("There is nothing at " + dir.resolve("nothing") + " to share.");
    }

    @Test
    void aFileIsRefusedBecauseOnlyFoldersAreShared() {
        Path file = folder.resolve("song.txt");

        assertThatThrownBy(() -> shares.add(file, Optional.empty(), false, true, List.of()))
                .isInstanceOf(ShareException.class)
                .hasMessage(file + " is not a directory; share the folder that holds it.");
    }

    @Test
    void aTakenNameIsRefused() throws Exception {
        shares.add(folder, Optional.empty(), false, true, List.of());
        Path other = Files.createDirectories(dir.resolve("other"));

        assertThatThrownBy(() -> shares.add(other, Optional.of("music"), false, true, List.of()))
                .isInstanceOf(ShareException.class)
                .hasMessage("A share named 'music' exists already; choose another name with --name.")
                .extracting(e -> ((ShareException) e).kind())
                .isEqualTo(ShareException.Kind.NAME_TAKEN);
    }

    @Test
    void aNameWithASlashOrColonIsRefused() {
        for (String name : List.of("a/b", "a:b", "..", " padded", "")) {
            assertThatThrownBy(() -> shares.add(folder, Optional.of(name), false, true, List.of()))
                    .isInstanceOf(ShareException.class)
                    .extracting(e -> ((ShareException) e).kind())
                    .isEqualTo(ShareException.Kind.BAD_NAME);
        }
    }

    @Test
    void removingAnUnknownShareIsRefused() {
        assertThatThrownBy(() -> shares.remove("nope"))
                .isInstanceOf(ShareException.class)
                .hasMessage("There is no share named 'nope'; 'peernet share ls' lists them.");
    }

    @Test
    void aRemovedShareIsGoneAndItsFolderUntouched() throws Exception {
        shares.add(folder, Optional.empty(), false, true, List.of());
        shares.rescan("music").get(10, TimeUnit.SECONDS);

        shares.remove("music");

        assertThat(shares.list()).isEmpty();
        assertThat(folder.resolve("song.txt")).exists();
    }

    @Test
    void afterReopeningARescanFindsFilesChangedMeanwhileAndHashesOnlyThose() throws Exception {
        shares.add(folder, Optional.empty(), false, true, List.of());
        shares.rescan("music").get(10, TimeUnit.SECONDS);
        shares.close();
        Files.writeString(folder.resolve("new.txt"), "new");

        shares = Shares.open(dir.resolve("shares.db"), CLOCK);
        ScanResult result = shares.rescan("music").get(10, TimeUnit.SECONDS);

        assertThat(result.hashed()).containsExactly("new.txt");
        assertThat(shares.status("music").files()).isEqualTo(2);
    }

    @Test
    void addingAnswersAtOnceAndTheIndexCanBeListedWhileTheFirstScanRunsUntilCloseStopsIt() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big"));
        try (java.io.RandomAccessFile file =
                new java.io.RandomAccessFile(big.resolve("disk.img").toFile(), "rw")) {
            file.setLength(8L << 30); // sparse: a minute of hashing on this machine, created at once
        }
        long started = System.nanoTime();

        shares.add(big, Optional.empty(), false, true, List.of());
        ShareStatus during = shares.status("big");
        List<ShareStatus> listed = shares.list();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        long closing = System.nanoTime();
        shares.close();
        long closeMillis = (System.nanoTime() - closing) / 1_000_000;

        assertThat(during.scanning()).isTrue();
        assertThat(during.files()).isZero();
        assertThat(listed).hasSize(1);
        assertThat(tookMillis).isLessThan(2000);
        assertThat(closeMillis).isLessThan(1000);
        shares = Shares.open(dir.resolve("shares.db"), CLOCK);
    }
}
