package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An offer served again after a restart: the same name and files, hashed again only if changed. */
class OfferSharesTest {
    private static final PeerId VIEWER = ShareStoreTest.peer(2);

    @TempDir
    Path dir;

    private final OfferShares before = new OfferShares(new Random(1));
    private final OfferShares after = new OfferShares(new Random(2));

    @Test
    void aRestoredOfferHasTheSameNameFilesAndViewerAndKeepsTheHashesOfAnUnchangedFile() throws IOException {
        Path a = write("a.bin", 1);
        String name = before.register(VIEWER, Map.of("docs/a.bin", a));
        Map<String, Path> paths = before.paths(name);
        // Hashes that are not the file's: kept as they were, they show that nothing hashed it again.
        IndexedFile was = before.files(name).getFirst();
        IndexedFile claimed = new IndexedFile(
                was.path(),
                was.size(),
                was.mtimeMillis(),
                ContentHash.fromChunkHashes(was.hash().chunkSize(), new byte[32]));

        after.restore(name, VIEWER, paths, List.of(claimed));

        assertThat(paths).containsExactly(Map.entry("docs/a.bin", a.toRealPath()));
        assertThat(after.files(name)).containsExactly(claimed);
        assertThat(after.shares()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.visibleTo(VIEWER)).isTrue();
            assertThat(s.visibleTo(ShareStoreTest.peer(3))).isFalse();
        });
    }

    @Test
    void aFileChangedSinceTheOfferIsHashedAgainSoItsReceiverLearnsOfTheNewContent() throws IOException {
        Path a = write("a.bin", 1);
        String name = before.register(VIEWER, Map.of("a.bin", a));
        IndexedFile was = before.files(name).getFirst();
        write("a.bin", 2);
        Files.setLastModifiedTime(a, FileTime.fromMillis(was.mtimeMillis() + 5_000));

        after.restore(name, VIEWER, before.paths(name), List.of(was));

        IndexedFile now = after.files(name).getFirst();
        assertThat(now.hash().fileHash())
                .isNotEqualTo(was.hash().fileHash())
                .isEqualTo(ContentHash.of(a).fileHash());
    }

    @Test
    void aLinkPutInTheOfferedFilesPlaceIsNotFollowed() throws IOException {
        Path a = write("a.bin", 1);
        Path secret = write("secret.bin", 3);
        String name = before.register(VIEWER, Map.of("a.bin", a));
        IndexedFile was = before.files(name).getFirst();
        Files.delete(a);
        Files.createSymbolicLink(a, secret);

        after.restore(name, VIEWER, before.paths(name), List.of(was));

        assertThat(after.files(name)).containsExactly(was);
        ServedShare share = after.shares().getFirst();
        assertThatThrownBy(() -> share.readable("a.bin"))
                .isInstanceOf(RemoteShareException.class)
                .hasMessageContaining("now leads somewhere else");
    }

    @Test
    void aFolderAboveTheOfferedFileSwappedForALinkIsNotFollowedEvenWhenWhatItLeadsToChanged() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path a = Files.write(folder.resolve("a.bin"), new byte[] {1, 2, 3});
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("a.bin"), new byte[] {9, 9, 9, 9, 9});
        String name = before.register(VIEWER, Map.of("a.bin", a));
        IndexedFile was = before.files(name).getFirst();
        Files.delete(a);
        Files.delete(folder);
        Files.createSymbolicLink(folder, elsewhere);

        after.restore(name, VIEWER, before.paths(name), List.of(was));

        assertThat(after.files(name)).containsExactly(was);
        assertThatThrownBy(() -> after.shares().getFirst().readable("a.bin"))
                .isInstanceOf(RemoteShareException.class)
                .hasMessageContaining("now leads somewhere else");
    }

    @Test
    void onlyAnOffersNameCanBeRestored() {
        assertThatThrownBy(() -> after.restore("docs", VIEWER, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the name of an offer");
    }

    private Path write(String name, long seed) throws IOException {
        byte[] bytes = new byte[700_000];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
