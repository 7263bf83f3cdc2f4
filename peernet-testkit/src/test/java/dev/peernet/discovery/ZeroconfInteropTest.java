package dev.peernet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peernet.identity.PeerId;
import dev.peernet.testkit.netns.NetnsLab;
import dev.peernet.testkit.netns.NodeProcess;
import dev.peernet.testkit.netns.ZeroconfPeer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peernet's discovery and a third-party mDNS implementation, Debian's python3-zeroconf, see each
 * other's {@code _peernet._tcp} services on a namespace LAN. {@code .ci/run} installs the package.
 */
@Timeout(60)
class ZeroconfInteropTest {
    private static final Duration JVM_START = Duration.ofSeconds(20);

    /** python3-zeroconf probes for about 750 ms before it announces, then resolves in a round trip. */
    private static final Duration PYTHON_SEES = Duration.ofSeconds(8);

    private NetnsLab lab;
    private Probe java;
    private NodeProcess python;

    @BeforeEach
    void createLab() throws IOException {
        var reason = NetnsLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElseThrow());
        var noPython = ZeroconfPeer.unavailableReason();
        assumeTrue(noPython.isEmpty(), () -> "skipped: " + noPython.orElseThrow());
        lab = NetnsLab.create(2);
    }

    @AfterEach
    void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private NodeProcess startPython(PeerId id) throws IOException {
        return ZeroconfPeer.start(lab, 2, "pyzc", id.toString(), 30);
    }

    @Test
    void pythonZeroconfSeesPeernetsServiceWithItsTxtKeys() throws IOException {
        java = Probe.discovery(lab, 1, "alpha", "home-net", 6);
        String started = java.awaitPrefix("STARTED ", JVM_START);
        python = startPython(PeerId.ofKeyBytes(new byte[32]));

        String seen = python.awaitLine(l -> l.startsWith("SEEN alpha._peernet._tcp.local."), PYTHON_SEES)
                .text();

        assertThat(seen)
                .contains("id=" + Probe.field(started, 2))
                .contains("net=home-net")
                .contains("v=1")
                .contains(lab.address(1));
    }

    @Test
    void peernetSeesTheServicePythonZeroconfAnnounces() throws IOException {
        java = Probe.discovery(lab, 1, "alpha", "-", 6);
        java.awaitPrefix("STARTED ", JVM_START);
        byte[] key = new byte[32];
        key[0] = 7;
        PeerId pythonId = PeerId.ofKeyBytes(key);
        python = startPython(pythonId);

        String appeared = java.await(l -> l.startsWith("APPEARED ") && l.contains(" pyzc "), PYTHON_SEES);

        assertThat(appeared).contains(" " + pythonId + " py-net 1 ").contains("/" + lab.address(2) + ":7000");
    }

    @Test
    void peernetSeesPythonZeroconfsGoodbye() throws IOException {
        java = Probe.discovery(lab, 1, "alpha", "-", 6);
        java.awaitPrefix("STARTED ", JVM_START);
        python = startPython(PeerId.ofKeyBytes(new byte[32]));
        java.await(l -> l.startsWith("APPEARED ") && l.contains(" pyzc "), PYTHON_SEES);

        python.stop(Duration.ofSeconds(10));

        assertThat(python.lines())
                .as("python3-zeroconf said goodbye")
                .anySatisfy(l -> assertThat(l.text()).startsWith("STOPPED"));
        assertThat(java.await(l -> l.startsWith("GONE ") && l.contains(" pyzc "), Duration.ofSeconds(3)))
                .endsWith(" GOODBYE");
    }
}
