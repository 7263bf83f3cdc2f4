package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharing a home folder must not share the node's private key: the state directory (where the
 * index lives, beside the key) is never indexed, even through a link, and cannot be shared itself.
 */
@Timeout(30)
class StateDirectoryIsNeverSharedTest {
    @TempDir
    Path home;

    private Path state;
    private Shares shares;

    @BeforeEach
    void open() throws IOException {
        home = home.toRealPath();
        state = Files.createDirectories(home.resolve(".peernet"));
        Files.writeString(state.resolve("identity.key"), "secret key");
        Files.writeString(home.resolve("notes.txt"), "mine to share");
        Files.createDirectories(home.resolve("docs"));
        Files.createSymbolicLink(home.resolve("docs/key-link"), state.resolve("identity.key"));
        shares = Shares.open(state.resolve(Shares.STATE_DB), InstantSource.system(), state);
    }

    @AfterEach
    void close() {
        shares.close();
    }

    @Test
    void aShareHoldingTheStateDirectoryIndexesEverythingButIt() throws Exception {
        shares.add(home, Optional.of("home"), false, true, List.of());
        shares.rescan("home").get(10, TimeUnit.SECONDS);

        assertThat(shares.files("home")).extracting(IndexedFile::path).containsExactly("notes.txt");
    }

    @Test
    void theStateDirectoryOrAFolderInItCannotBeShared() throws IOException {
        Path inside = Files.createDirectories(state.resolve("inbox"));

        for (Path refused : List.of(state, inside)) {
            assertThatThrownBy(() -> shares.add(refused, Optional.empty(), false, true, List.of()))
                    .isInstanceOf(ShareException.class)
                    .hasMessageContaining("state directory, which holds its private key");
        }
    }
}
