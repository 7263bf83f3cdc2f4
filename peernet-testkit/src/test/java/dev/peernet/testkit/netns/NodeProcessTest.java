package dev.peernet.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NodeProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static NetnsLab lab;

    @BeforeAll
    static void createLab() throws IOException {
        var reason = NetnsLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElseThrow());
        lab = NetnsLab.create(1);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static NodeProcess shell(String script) throws IOException {
        return NodeProcess.start(lab, 1, "h1", List.of("sh", "-c", script));
    }

    @Test
    void theProcessIsTheCommandItselfSoKillIsAKillNineOfIt() throws IOException {
        try (NodeProcess p = shell("echo pid $$; exec sleep 600")) {
            String pid = p.awaitLine(l -> l.startsWith("pid "), WAIT).text();

            assertThat(pid).isEqualTo("pid " + p.pid());
            p.kill();

            assertThat(p.isAlive()).isFalse();
            assertThat(p.exitValue()).isEqualTo(128 + 9);
        }
    }

    @Test
    void linesAreStampedInOrderOfArrivalWithStderrAmongThem() throws IOException {
        try (NodeProcess p = shell("echo one; echo two >&2; sleep 0.2; echo three")) {
            long before = System.nanoTime();
            NodeProcess.Line three = p.awaitLine("three"::equals, WAIT);

            assertThat(p.lines()).extracting(NodeProcess.Line::text).containsExactly("one", "two", "three");
            assertThat(three.nanos() - p.lines().getFirst().nanos()).isGreaterThanOrEqualTo(150_000_000L);
            assertThat(p.awaitLine("one"::equals, WAIT).nanos()).isLessThanOrEqualTo(three.nanos());
            assertThat(three.nanos()).isGreaterThan(before);
        }
    }

    @Test
    void waitingForALineThatNeverComesFailsQuotingTheOutput() throws IOException {
        try (NodeProcess p = shell("echo hello; exec sleep 600")) {
            p.awaitLine("hello"::equals, WAIT);

            assertThatThrownBy(() -> p.awaitLine("goodbye"::equals, Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("h1 printed no expected line within PT0.2S")
                    .hasMessageContaining("hello");
        }
    }

    @Test
    void waitingStopsAsSoonAsTheOutputEnds() throws IOException {
        try (NodeProcess p = shell("echo bye; exit 3")) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.awaitLine("never"::equals, WAIT))
                    .hasMessageContaining("its output ended")
                    .hasMessageContaining("bye");
            assertThat(System.nanoTime() - start).isLessThan(WAIT.toNanos() / 2);
        }
    }

    @Test
    void stopSendsSigtermAndWaitsForTheProcessToEnd() throws IOException {
        try (NodeProcess p = shell("trap 'echo terminated; exit 0' TERM; echo ready; while :; do sleep 0.1; done")) {
            p.awaitLine("ready"::equals, WAIT);

            assertThat(p.stop(WAIT)).isZero();

            assertThat(p.isAlive()).isFalse();
            p.awaitLine("terminated"::equals, WAIT);
        }
    }
}
