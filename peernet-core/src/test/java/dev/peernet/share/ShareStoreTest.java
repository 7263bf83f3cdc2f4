package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareStoreTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void sharesSurviveReopeningWithTheirAccessList() throws IOException {
        PeerId beta = peer(2);
        Share music = new Share("music", Path.of("/srv/music"), false, false, List.of(beta), CREATED);
        Share docs = new Share("docs", Path.of("/srv/docs"), true, true, List.of(), CREATED);
        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            store.add(music);
            store.add(docs);
        }

        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            assertThat(store.shares()).containsExactly(docs, music);
        }
    }

    @Test
    void filesKeepTheirSizeMtimeAndChunkHashesIncludingSizesOverFourGibibytes() throws IOException {
        byte[] chunks = new byte[3 * ContentHash.HASH_BYTES];
        new Random(1).nextBytes(chunks);
        IndexedFile big = new IndexedFile(
                "video/big.mkv", 5L << 30, 1_700_000_000_123L, ContentHash.fromChunkHashes(ChunkSize.MAX, chunks));
        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            store.add(new Share("s", Path.of("/s"), false, true, List.of(), CREATED));
            store.update("s", List.of(big), List.of());

            assertThat(store.files("s")).containsEntry("video/big.mkv", big);
            assertThat(store.file("s", "video/big.mkv")).contains(big);
            assertThat(store.totals("s")).containsExactly(1, 5L << 30);
        }
    }

    @Test
    void removingAShareForgetsItsIndexAndAccessList() throws IOException {
        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            store.add(new Share("s", Path.of("/s"), false, false, List.of(peer(2)), CREATED));
            store.update("s", List.of(file("a")), List.of());

            assertThat(store.remove("s")).isTrue();
            store.add(new Share("s", Path.of("/t"), false, true, List.of(), CREATED));

            assertThat(store.files("s")).isEmpty();
            assertThat(store.shares().getFirst().to()).isEmpty();
            assertThat(store.remove("nope")).isFalse();
        }
    }

    @Test
    void anUpdateReplacesChangedFilesAndDropsRemovedOnes() throws IOException {
        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            store.add(new Share("s", Path.of("/s"), false, true, List.of(), CREATED));
            store.update("s", List.of(file("a"), file("b")), List.of());
            IndexedFile newA = new IndexedFile("a", 9, 9, ContentHash.fromChunkHashes(ChunkSize.MIN, new byte[32]));

            store.update("s", List.of(newA), List.of("b"));

            assertThat(store.files("s")).containsOnlyKeys("a").containsEntry("a", newA);
        }
    }

    @Test
    void theFilesUnderADirectoryAreAllPathsBelowItOrOnlyThoseDirectlyInIt() throws IOException {
        List<String> paths = List.of(
                "top.txt", "a/1", "a/b/2", "a/b/c/3", "a-b/4", "a0/5", "ab/6", "\uD83C\uDFB5/7", "\uD83C\uDFB5/x/8");
        try (ShareStore store = ShareStore.open(dir.resolve("shares.db"))) {
            store.add(new Share("s", Path.of("/s"), false, true, List.of(), CREATED));
            store.add(new Share("t", Path.of("/t"), false, true, List.of(), CREATED));
            store.update("s", paths.stream().map(ShareStoreTest::file).toList(), List.of());
            store.update("t", List.of(file("a/other")), List.of());

            assertThat(store.files("s", "a", true)).containsOnlyKeys("a/1", "a/b/2", "a/b/c/3");
            assertThat(store.files("s", "a", false)).containsOnlyKeys("a/1");
            assertThat(store.files("s", "a/b", false)).containsOnlyKeys("a/b/2");
            assertThat(store.files("s", "", false)).containsOnlyKeys("top.txt");
            assertThat(store.files("s", "", true)).hasSize(paths.size());
            assertThat(store.files("s", "\uD83C\uDFB5", false)).containsOnlyKeys("\uD83C\uDFB5/7");
            assertThat(store.files("s", "nothing", true)).isEmpty();
        }
    }

    static IndexedFile file(String path) {
        return new IndexedFile(path, 0, 1, ContentHash.fromChunkHashes(ChunkSize.MIN, new byte[0]));
    }

    static PeerId peer(long seed) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return PeerId.ofKeyBytes(key);
    }
}
