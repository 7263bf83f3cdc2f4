package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.peernet.identity.IdentityException;
import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.share.Shares;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key file that exists but cannot be used stops the node with a sentence naming the file and the
 * reason. The node never replaces it: its bytes are the same afterwards, and restoring a good copy
 * brings the old identity back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileKeyFileTest {
    @TempDir
    Path state;

    /** Ways a key file gets damaged: by a crash mid-write, a bad copy, a stray editor. */
    enum Damage {
        GARBAGE {
            @Override
            byte[] apply(byte[] good) {
                byte[] noise = new byte[good.length];
                new Random(7707).nextBytes(noise);
                return noise;
            }
        },
        TRUNCATED {
            @Override
            byte[] apply(byte[] good) {
                return Arrays.copyOf(good, good.length / 2);
            }
        },
        EMPTY {
            @Override
            byte[] apply(byte[] good) {
                return new byte[0];
            }
        },
        KEY_CUT_INSIDE_THE_PEM_BLOCK {
            @Override
            byte[] apply(byte[] good) {
                String pem = new String(good, StandardCharsets.US_ASCII);
                int body = pem.indexOf('\n') + 1;
                return (pem.substring(0, body) + pem.substring(body + 8)).getBytes(StandardCharsets.US_ASCII);
            }
        };

        abstract byte[] apply(byte[] good);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void aDamagedKeyFileStopsTheNodeAndIsNeverReplaced(Damage damage) throws IOException {
        Path keyFile = state.resolve(NodeIdentity.KEY_FILE);
        PeerId original = startOnce();
        byte[] good = Files.readAllBytes(keyFile);
        byte[] damaged = damage.apply(good);
        Files.write(keyFile, damaged);

        assertThatThrownBy(() -> Node.start(config()))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("is corrupt")
                .hasMessageContaining("restore the file from a backup");

        assertThat(Files.readAllBytes(keyFile)).isEqualTo(damaged);
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> !n.startsWith(Node.STATE_DB)
                                    && !n.startsWith(Shares.STATE_DB)
                                    && !n.startsWith(Node.TRANSFERS_DB)))
                    .as("no key file was added beside the damaged one")
                    .containsExactly(NodeIdentity.KEY_FILE);
        }
        Files.write(keyFile, good);
        assertThat(startOnce())
                .as("the restored key brings the old identity back")
                .isEqualTo(original);
    }

    @Test
    void aKeyFileTheNodeMayNotReadStopsTheNodeAndIsNeverReplaced() throws IOException {
        Path keyFile = state.resolve(NodeIdentity.KEY_FILE);
        startOnce();
        byte[] good = Files.readAllBytes(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(keyFile), "running as root, which may read any file");

            assertThatThrownBy(() -> Node.start(config()))
                    .isInstanceOf(IdentityException.class)
                    .hasMessageContaining(keyFile.toString())
                    .hasMessageContaining("permission denied");
        } finally {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(good);
    }

    @Test
    void aDirectoryWhereTheKeyFileBelongsStopsTheNodeAndIsLeftAlone() throws IOException {
        Path keyFile = Files.createDirectories(state.resolve(NodeIdentity.KEY_FILE));

        assertThatThrownBy(() -> Node.start(config()))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("cannot be read");

        assertThat(keyFile).isDirectory().isEmptyDirectory();
    }

    private PeerId startOnce() throws IOException {
        try (Node node = Node.start(config())) {
            return node.id();
        }
    }

    private NodeConfig config() {
        return NodeConfig.builder(state)
                .name("keyed")
                .listen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .discovery(false)
                .build();
    }
}
