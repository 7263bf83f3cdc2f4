package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.PeerResponse;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeersTableTest {
    private static final String ALPHA = "AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH";
    private static final String BETA = "BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH-IIIIIII";
    private static final String GAMMA = "CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH-IIIIIII-JJJJJJJ";

    @Test
    void rowsAreAlignedUnderTheirHeadings() {
        List<PeerResponse> peers = List.of(
                new PeerResponse(
                        ALPHA,
                        "alpha",
                        "alive",
                        List.of("127.0.0.1:7707"),
                        0.4123,
                        "127.0.0.1:7707",
                        "outbound",
                        "2025-01-02T03:04:05Z",
                        List.of(),
                        1),
                new PeerResponse(
                        BETA,
                        "a-long-name",
                        "nearby",
                        List.of("[::1]:54321"),
                        null,
                        "[::1]:54321",
                        "inbound",
                        "2025-01-02T13:14:15.123Z",
                        List.of(),
                        1),
                PeerResponse.unconnected(GAMMA, "gamma", "dead", List.of("10.0.0.3:7707"), 12.3));

        assertThat(PeersTable.format(peers, ZoneOffset.UTC)).isEqualTo("""
                        PEER     NAME         STATE   ADDRESS         RTT       CONNECTED SINCE
                        AAAAAAA  alpha        alive   127.0.0.1:7707  0.412 ms  2025-01-02 03:04:05 (outbound)
                        BBBBBBB  a-long-name  nearby  [::1]:54321     -         2025-01-02 13:14:15 (inbound)
                        CCCCCCC  gamma        dead    10.0.0.3:7707   12.3 ms   -
                        """);
    }

    @Test
    void noPeersIsSaidInWords() {
        assertThat(PeersTable.format(List.of(), ZoneOffset.UTC)).isEqualTo("No other members and no nearby nodes.\n");
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
