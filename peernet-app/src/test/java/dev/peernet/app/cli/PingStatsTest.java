package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PingStatsTest {
    @Test
    void summaryCountsLossAndShowsMinAvgMax() {
        PingStats stats = new PingStats();
        stats.sent();
        stats.received(0.3);
        stats.sent();
        stats.sent();
        stats.received(0.5);
        stats.sent();
        stats.received(0.4);

        assertThat(stats.summary("AAAAAAA")).isEqualTo("""
                        --- AAAAAAA ping statistics ---
                        4 sent, 3 received, 25% lost, rtt min/avg/max = 0.300/0.400/0.500 ms
                        """);
    }

    @Test
    void withoutRepliesTheSummaryHasNoTimes() {
        PingStats stats = new PingStats();
        stats.sent();

        assertThat(stats.anyReceived()).isFalse();
        assertThat(stats.summary("beta")).isEqualTo("--- beta ping statistics ---\n1 sent, 0 received, 100% lost\n");
    }
}
