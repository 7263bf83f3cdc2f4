package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.TransferResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How soon a following command asks the node again. */
class TransferProgressTest {
    private static TransferResponse transfer(String state, long done, long total, double rate) {
        return new TransferResponse(
                "t1",
                "alpha:s/f",
                "download",
                state,
                done,
                total,
                0,
                1,
                rate,
                null,
                List.of(),
                List.of(),
                "2026-12-01T00:00:00Z",
                null,
                "/tmp/f",
                null);
    }

    @Test
    void itAsksSoonAtFirstThenBacksOffToEveryFifthOfASecond() {
        TransferResponse queued = transfer("queued", 0, 0, 0);

        assertThat(TransferProgress.pollMillis(queued, 0)).isEqualTo(10);
        assertThat(TransferProgress.pollMillis(queued, 100)).isEqualTo(25);
        assertThat(TransferProgress.pollMillis(queued, 400)).isEqualTo(100);
        assertThat(TransferProgress.pollMillis(queued, 5_000)).isEqualTo(200);
    }

    @Test
    void itAsksWhenTheCurrentRateSaysTheLastByteIsDue() {
        // 30 MB left at 1 GB/s: due in 30 ms.
        assertThat(TransferProgress.pollMillis(transfer("running", 970_000_000, 1_000_000_000, 1e9), 5_000))
                .isEqualTo(30);
        // Far from the end: the usual pace.
        assertThat(TransferProgress.pollMillis(transfer("running", 0, 1_000_000_000, 1e9), 5_000))
                .isEqualTo(200);
        // Every byte is there: only the file's check and rename are left.
        assertThat(TransferProgress.pollMillis(transfer("running", 1_000, 1_000, 0), 5_000))
                .isEqualTo(10);
    }
}
