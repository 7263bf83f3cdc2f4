package dev.peernet.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.node.HostPort;
import dev.peernet.node.Node;
import dev.peernet.node.NodeConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The doctor examines a real node on loopback. */
@Timeout(60)
class DoctorTest {
    @TempDir
    Path state;

    private Node start(String name, List<HostPort> peers) throws Exception {
        return Node.start(NodeConfig.builder(state.resolve(name))
                .name(name)
                .listen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .peers(peers)
                .discovery(false)
                .build());
    }

    @Test
    void itListsInterfacesWithPrefixLengthsChecksTheListenerAndTimesAConnectedPeer() throws Exception {
        try (Node alpha = start("alpha", List.of())) {
            DoctorReport report = Doctor.examine(alpha, Duration.ofSeconds(1));

            assertThat(report.interfaces())
                    .filteredOn(i -> i.name().equals("lo"))
                    .singleElement()
                    .satisfies(lo -> {
                        assertThat(lo.addresses()).contains("127.0.0.1/8");
                        assertThat(lo.discovery()).isFalse();
                    });
            assertThat(report.listening())
                    .singleElement()
                    .satisfies(l -> assertThat(l.reachable()).isTrue());
        }
    }

    @Test
    void aStaticPeerThatRefusesIsReportedUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (Node alpha = start("alpha", List.of(new HostPort("127.0.0.1", closed)))) {
            DoctorReport report = Doctor.examine(alpha, Duration.ofSeconds(1));

            assertThat(report.peers()).singleElement().satisfies(p -> {
                assertThat(p.reachable()).isFalse();
                assertThat(p.detail()).startsWith("refused or unreachable");
            });
        }
    }
}
