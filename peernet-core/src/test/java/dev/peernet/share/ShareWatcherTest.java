package dev.peernet.share;

import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a real directory tree, with a recording owner that runs each scan it asks for. */
@Timeout(60)
class ShareWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final WatchSettings FAST = new WatchSettings(
            QUIET, Duration.ofSeconds(2), Duration.ofMillis(200), Integer.MAX_VALUE, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private Path root;
    private ShareStore store;
    private Share share;
    private ShareWatcher watcher;
    private final RecordingScans scans = new RecordingScans();

    @BeforeEach
    void open() throws IOException {
        root = Files.createDirectories(dir.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("a/deep"));
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("a/one.txt"), "one");
        store = ShareStore.open(dir.resolve("shares.db"));
        share = new Share("s", root, false, true, List.of(), Instant.EPOCH);
        store.add(share);
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
        store.close();
    }

    @Test
    void everyDirectoryAWholeScanEntersIsWatched() throws IOException {
        watch(FAST);

        assertThat(watcher.watchedDirectories("s")).isEqualTo(4); // root, a, a/deep, b
        assertThat(watcher.fallingBack("s")).isFalse();
    }

    @Test
    void aBurstOfAThousandWritesIsScannedInAFewScans() throws IOException {
        watch(new WatchSettings(
                Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofMinutes(10), 1000, Duration.ofSeconds(10)));

        for (int i = 0; i < 1000; i++) {
            Files.writeString(root.resolve("b/f" + (i % 250)), "write " + i); // 250 files, each written 4 times
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> store.files("s", "b", false).size() == 250
                        && store.file("s", "b/f249").orElseThrow().size() == "write 999".length());
        sleep(Duration.ofMillis(900)); // any scan still to come
        assertThat(scans.asked).hasSizeBetween(1, 5);
    }

    @Test
    void anOverflowLeadsToAWholeRescan() throws IOException {
        watch(FAST);
        store.update("s", List.of(), List.of("a/one.txt")); // as if its creation had been lost

        watcher.changed(root.resolve("b"), List.of(new FakeEvent<>(OVERFLOW, 1, null)), true);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.file("s", "a/one.txt").isPresent());
        assertThat(scans.asked).containsExactly(Changes.whole());
    }

    @Test
    void aShareBeyondTheWatchLimitIsRescannedPeriodicallyAndTheLogSaysSoOnce() throws IOException {
        try (RecordedLog log = RecordedLog.record()) {
            watch(new WatchSettings(
                    QUIET, Duration.ofSeconds(2), Duration.ofMillis(200), 2, Duration.ofSeconds(10))); // 4 directories

            Files.writeString(root.resolve("b/new.txt"), "new");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.file("s", "b/new.txt").isPresent());
            await().atMost(Duration.ofSeconds(10)).until(() -> scans.asked.size() >= 3);
            assertThat(scans.asked).containsOnly(Changes.whole());
            assertThat(watcher.fallingBack("s")).isTrue();
            assertThat(watcher.watchedDirectories()).isZero();
            assertThat(log.lines("Share s is not watched"))
                    .containsExactly("WARN Share s is not watched for changes because watching all its directories"
                            + " would pass the node's limit of 2 (fs.inotify.max_user_watches); it is rescanned every"
                            + " 200 ms instead.");
        }
    }

    @Test
    void anUnwatchedShareIsNoLongerWatchedNorRescanned() throws IOException {
        watch(FAST);

        watcher.unwatch("s");
        Files.writeString(root.resolve("b/late.txt"), "late");
        sleep(QUIET.multipliedBy(5));

        assertThat(watcher.watchedDirectories()).isZero();
        assertThat(scans.asked).isEmpty();
        assertThat(store.file("s", "b/late.txt")).isEmpty();
    }

    @Test
    void aShareWhoseScanIsRunningIsAskedAgainAfterIt() throws IOException {
        watch(FAST);
        scans.busyFor.set(3);

        Files.writeString(root.resolve("a/two.txt"), "two");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.file("s", "a/two.txt").isPresent());
        assertThat(scans.refused).hasValue(3);
        assertThat(scans.asked).containsExactly(new Changes(Set.of("a"), Set.of()));
    }

    @Test
    void theIgnoredDirectoryIsNeverWatchedButItsSubdirectoriesAre() throws IOException {
        watcher = new ShareWatcher(FAST, scans, Optional.of(root.resolve("a")));
        watcher.watch("s", root);
        Scanner.scan(store, share, Changes.whole(), d -> watcher.register("s", d));

        assertThat(watcher.watchedDirectories("s")).isEqualTo(3); // root, a/deep and b
    }

    /**
     * The folder above the shared one was swapped for a link while the node was stopped: the
     * shared folder's path still leads to a directory, but through a link, so its scan refuses it
     * and it is never watched. The look for unwatched folders leaves it, rather than scan it every
     * time it looks.
     */
    @Test
    void aSharedFolderThatNowLeadsThroughALinkIsNotScannedAgainAndAgain() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/music")).getParent();
        Path outer = Files.createSymbolicLink(dir.resolve("outer"), elsewhere);
        Path shared = dir.toRealPath().resolve("outer/music"); // its real path when it was shared
        share = new Share("s", shared, false, true, List.of(), Instant.EPOCH);

        watcher = lookingEvery(Duration.ofMillis(50));
        watcher.watch("s", shared);
        sleep(Duration.ofSeconds(1)); // twenty looks

        assertThat(Files.isDirectory(shared)).isTrue();
        assertThat(Files.isSymbolicLink(outer)).isTrue();
        assertThat(scans.asked).isEmpty();
    }

    /** A shared folder that was not there when the node started is scanned once it is: the look finds it. */
    @Test
    void aSharedFolderThatIsThereButNotWatchedIsScannedOnce() throws IOException {
        watcher = lookingEvery(Duration.ofMillis(50));
        watcher.watch("s", root);

        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.watchedDirectories("s") == 4);
        sleep(Duration.ofMillis(500)); // ten looks more

        assertThat(scans.asked).hasSize(1);
    }

    /** A watcher that looks for unwatched shared folders every {@code period}, watching nothing yet. */
    private ShareWatcher lookingEvery(Duration period) {
        return new ShareWatcher(
                new WatchSettings(QUIET, Duration.ofSeconds(2), Duration.ofMinutes(10), Integer.MAX_VALUE, period),
                scans,
                Optional.empty());
    }

    /** Watches the share with {@code settings} and runs its first whole scan, which registers its directories. */
    private void watch(WatchSettings settings) throws IOException {
        watcher = new ShareWatcher(settings, scans, Optional.empty());
        watcher.watch("s", root);
        Scanner.scan(store, share, Changes.whole(), d -> watcher.register("s", d));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs every scan asked for at once on the asking thread, unless told to refuse the next few as busy. */
    private final class RecordingScans implements ShareWatcher.Scans {
        final List<Changes> asked = new CopyOnWriteArrayList<>();
        final AtomicInteger busyFor = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public boolean scan(String name, Changes changes) {
            if (busyFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                return false;
            }
            asked.add(changes);
            try {
                Scanner.scan(store, share, changes, d -> watcher.register(name, d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        @Override
        public boolean ready(String name) {
            return Scanner.rootProblem(share, false).isEmpty();
        }
    }

    private record FakeEvent<T>(WatchEvent.Kind<T> kind, int count, T context) implements WatchEvent<T> {}
}
