package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.StatusResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    private static final String ID = "AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH";

    @Test
    void statusShowsOneLabelledValuePerLineAndEveryAddress() {
        StatusResponse status = new StatusResponse(
                ID,
                "alpha",
                List.of("127.0.0.1:7707", "[::1]:7707"),
                "2025-01-02T03:04:05Z",
                3725,
                2,
                "http://127.0.0.1:7708",
                List.of());

        assertThat(StatusText.format(status)).isEqualTo("""
                        Name:         alpha
                        Peer ID:      %s
                        Addresses:    127.0.0.1:7707
                                      [::1]:7707
                        Uptime:       1h 2m
                        Connections:  2
                        Control API:  http://127.0.0.1:7708
                        """.formatted(ID));
    }

    @Test
    void theBannerNamesTheIdAddressesApiAndNotices() {
        String banner = StatusText.banner(
                "alpha", ID, List.of("127.0.0.1:7707"), "http://127.0.0.1:7708", List.of("Port 7707 was taken."));

        assertThat(banner).isEqualTo("""
                        Peernet node 'alpha' is up.
                        Peer ID:      %s
                        Listening on: 127.0.0.1:7707
                        Control API:  http://127.0.0.1:7708
                        Note:         Port 7707 was taken.
                        Press Ctrl-C to stop.
                        """.formatted(ID));
    }
}
