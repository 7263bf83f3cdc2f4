package dev.peernet.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NetnsLabTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeEach
    void needsNamespaces() {
        var reason = NetnsLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElseThrow());
    }

    private static String namespaces() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /**
     * Whether host {@code from} reaches host {@code to}: a TCP connection to a closed port there is
     * refused (ping is not installed everywhere; bash is).
     */
    private static boolean reaches(NetnsLab lab, int from, int to) throws IOException {
        String connect = "exec 3<>/dev/tcp/" + lab.address(to) + "/9";
        String output = lab.run(from, List.of("timeout", "3", "bash", "-c", connect), WAIT)
                .output();
        return output.contains("refused");
    }

    @Test
    void hostsReachEachOtherAndOnlyEachOther() throws IOException {
        try (NetnsLab lab = NetnsLab.create(2)) {
            assertThat(reaches(lab, 1, 2)).isTrue();
            assertThat(lab.run(1, List.of("ip", "-o", "link"), WAIT).output())
                    .contains("eth0")
                    .doesNotContain("docker", "wlan");
        }
    }

    @Test
    void aHostWhoseLinkIsDownIsCutOffUntilItComesBack() throws IOException, InterruptedException {
        try (NetnsLab lab = NetnsLab.create(2)) {
            lab.linkDown(2);
            assertThat(reaches(lab, 1, 2)).isFalse();

            lab.linkUp(2);
            // Host 1 remembers for a moment that host 2 did not answer ARP: "No route to host".
            boolean back = false;
            for (int i = 0; i < 10 && !back; i++) {
                Thread.sleep(300);
                back = reaches(lab, 1, 2);
            }
            assertThat(back).isTrue();
        }
    }

    @Test
    void closingTheLabKillsItsProcessesAndDeletesItsNamespaces() throws IOException, InterruptedException {
        NetnsLab lab = NetnsLab.create(1);
        Process sleeper = lab.start(1, List.of("sleep", "60"));
        String host = lab.namespace(1);
        assertThat(namespaces()).contains(host);

        lab.close();

        assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(namespaces()).doesNotContain(host);
    }
}
