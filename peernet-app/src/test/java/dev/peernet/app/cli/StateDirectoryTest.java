package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirectoryTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertThat(StateDirectory.resolve(Path.of("/srv/node"), Map.of("PEERNET_HOME", "/env"), HOME))
                .isEqualTo(Path.of("/srv/node"));
    }

    @Test
    void peernetHomeIsUsedWithoutTheOption() {
        assertThat(StateDirectory.resolve(null, Map.of("PEERNET_HOME", "/env"), HOME))
                .isEqualTo(Path.of("/env"));
    }

    @Test
    void theDefaultIsDotPeernetInTheHomeDirectory() {
        assertThat(StateDirectory.resolve(null, Map.of("PEERNET_HOME", " "), HOME))
                .isEqualTo(Path.of("/home/ada/.peernet"));
    }

    @Test
    void aRelativeOptionIsMadeAbsolute() {
        assertThat(StateDirectory.resolve(Path.of("node1"), Map.of(), HOME))
                .isEqualTo(Path.of("node1").toAbsolutePath());
    }
}
