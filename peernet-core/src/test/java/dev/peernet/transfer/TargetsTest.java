package dev.peernet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {
    @TempDir
    Path dir;

    private final Location song = new Location(FakeChunkNetwork.peer(1), "music", "albums/song.flac");

    @Test
    void aFileGoesIntoAnExistingDirectoryUnderItsOwnName() throws IOException {
        assertThat(Targets.forFile(song, dir)).isEqualTo(dir.resolve("song.flac"));
    }

    @Test
    void aFileGoesToANewPathAsThatPath() throws IOException {
        assertThat(Targets.forFile(song, dir.resolve("x/tune.flac"))).isEqualTo(dir.resolve("x/tune.flac"));
    }

    @Test
    void aDirectoryGoesIntoAnExistingDirectoryUnderItsNameOrItsSharesName() throws IOException {
        Location albums = new Location(song.peer(), "music", "albums");
        Location root = new Location(song.peer(), "music", "");

        assertThat(Targets.forDirectory(albums, dir)).isEqualTo(dir.resolve("albums"));
        assertThat(Targets.forDirectory(root, dir)).isEqualTo(dir.resolve("music"));
        assertThat(Targets.forDirectory(albums, dir.resolve("new"))).isEqualTo(dir.resolve("new"));
    }

    @Test
    void aMembersRelativePathIsJoinedNameByName() throws IOException {
        assertThat(Targets.inside(dir, "a/b/c.txt"))
                .isEqualTo(dir.resolve("a").resolve("b").resolve("c.txt"));
        assertThat(Targets.relativeTo("albums", "albums/2024/x.flac")).isEqualTo("2024/x.flac");
        assertThat(Targets.relativeTo("", "x.flac")).isEqualTo("x.flac");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "a/\0", "", "a/"})
    void aPathThatCouldLeaveTheDestinationIsRefused(String path) {
        assertThatThrownBy(() -> Targets.inside(dir, path))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith(
                        "that cannot be placed safely (empty, '.', '..' or odd characters); it was refused.");
    }

    @Test
    void aFileListedOutsideTheDirectoryAskedForIsRefused() {
        assertThatThrownBy(() -> Targets.relativeTo("albums", "albumsX/y"))
                .hasMessage("The member listed albumsX/y as inside albums, which it is not; the fetch was stopped.");
    }

    @Test
    void aPartFileIsHiddenBesideItsTargetAndStaysWithinTheNameLimit() throws IOException {
        Path target = Files.createDirectories(dir.resolve("d")).resolve("song.flac");
        String longName = "x".repeat(250);

        assertThat(PartFile.pathFor(target)).isEqualTo(dir.resolve("d/.song.flac.peernet-part"));
        Path longPart = PartFile.pathFor(dir.resolve(longName));
        assertThat(longPart.getParent()).isEqualTo(dir);
        assertThat(longPart.getFileName().toString()).startsWith(".peernet-").endsWith(".peernet-part");
        assertThat(longPart.getFileName().toString().length()).isLessThanOrEqualTo(255);
    }
}
