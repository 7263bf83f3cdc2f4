package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A chunk is read from the indexed file in the share, and from nothing a link swapped in leads to. */
@Timeout(30)
class ChunkReaderTest {
    @TempDir
    Path dir;

    private Path root;
    private Shares shares;
    private ServedShare share;
    private IndexedFile file;
    private final ChunkReader reader = new ChunkReader();

    @BeforeEach
    void open() throws Exception {
        dir = dir.toRealPath();
        root = Files.createDirectories(dir.resolve("share"));
        Files.writeString(Files.createDirectories(root.resolve("docs")).resolve("f.txt"), "inside, 24 bytes long...");
        shares = Shares.open(dir.resolve(Shares.STATE_DB), InstantSource.system());
        shares.add(root, Optional.of("s"), false, true, List.of());
        shares.rescan("s").get(10, TimeUnit.SECONDS);
        share = IndexedShare.all(shares).getFirst();
        file = share.file("docs/f.txt").orElseThrow();
    }

    @AfterEach
    void close() {
        shares.close();
    }

    @Test
    void theIndexedFileIsReadAfterTheHeaderRoom() throws IOException {
        int n = reader.read(share, file, 0);

        assertThat(new String(reader.buffer(), ShareWire.CHUNK_HEADER_ROOM, n, StandardCharsets.UTF_8))
                .isEqualTo("inside, 24 bytes long...");
    }

    /**
     * The race: the share checked the path (no link, inside), then a local user swapped its folder
     * for a link to a folder outside holding a file of the same name, size and time. The open is
     * refused as a path out of the share, and nothing outside is read.
     */
    @Test
    void aFolderSwappedForALinkOutsideBetweenTheCheckAndTheOpenIsRefusedAsLeadingOutOfTheShare() throws IOException {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        ServedShare.FileToRead checked = share.readable(file.path());
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("f.txt"), "SECRET, also 24 bytes...");
        Files.setLastModifiedTime(secret, FileTime.fromMillis(file.mtimeMillis()));
        Files.move(root.resolve("docs"), dir.resolve("moved-away"));
        Files.createSymbolicLink(root.resolve("docs"), outside);

        assertThatThrownBy(() -> reader.read(share, file, () -> checked, 0))
                .isInstanceOfSatisfying(
                        RemoteShareException.class, e -> assertThat(e.code()).isEqualTo(Error.Code.BAD_PATH))
                .hasMessage("The path 'docs/f.txt' leads out of share 's'.");
        assertThat(new String(reader.buffer(), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
    }
}
