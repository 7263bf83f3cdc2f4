package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.PeerResponse;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeersTableTest {
    private static final String ALPHA = "AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH";
    private static final String BETA = "BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH-IIIIIII";

    @Test
    void rowsAreAlignedUnderTheirHeadings() {
        List<PeerResponse> peers = List.of(
                new PeerResponse(
                        ALPHA, "alpha", "127.0.0.1:7707", "outbound", 0.4123, "2025-01-02T03:04:05Z", List.of(), 1),
                new PeerResponse(
                        BETA, "a-long-name", "[::1]:54321", "inbound", null, "2025-01-02T13:14:15.123Z", List.of(), 1));

        assertThat(PeersTable.format(peers, ZoneOffset.UTC)).isEqualTo("""
                        PEER     NAME         ADDRESS         DIRECTION  RTT       CONNECTED SINCE
                        AAAAAAA  alpha        127.0.0.1:7707  outbound   0.412 ms  2025-01-02 03:04:05
                        BBBBBBB  a-long-name  [::1]:54321     inbound    -         2025-01-02 13:14:15
                        """);
    }

    @Test
    void noPeersIsSaidInWords() {
        assertThat(PeersTable.format(List.of(), ZoneOffset.UTC)).isEqualTo("No peers connected.\n");
    }

    @Test
    void roundTripsShowThreeSignificantDigits() {
        assertThat(PeersTable.rtt(0.41234)).isEqualTo("0.412 ms");
        assertThat(PeersTable.rtt(12.345)).isEqualTo("12.3 ms");
        assertThat(PeersTable.rtt(230.6)).isEqualTo("231 ms");
    }

    @Test
    void theShortIdIsTheFirstBlock() {
        assertThat(PeersTable.shortId(ALPHA)).isEqualTo("AAAAAAA");
    }
}
