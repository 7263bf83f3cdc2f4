package dev.peernet.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a writer cuts its bytes into DATA frames under the peer's flow-control window. */
class MuxStreamFramingTest {
    private static final int FRAME = 64 * 1024;
    private static final int WHOLE = FRAME; // a 4 MiB window: half of it is more than a frame

    @Test
    void withRoomABulkWriteGoesOutInWholeFrames() {
        assertThat(MuxStream.frameToSend(1 << 20, 4 << 20, WHOLE, FRAME)).isEqualTo(FRAME);
    }

    @Test
    void aWriterHeldBackByTheWindowWaitsForAWholeFrameRatherThanSendTheRemainder() {
        assertThat(MuxStream.frameToSend(1 << 20, 40 * 1024, WHOLE, FRAME)).isZero();
        assertThat(MuxStream.frameToSend(1 << 20, FRAME, WHOLE, FRAME)).isEqualTo(FRAME);
    }

    @Test
    void aShortWriteGoesOutAsSoonAsTheWindowHoldsIt() {
        assertThat(MuxStream.frameToSend(1000, 1000, WHOLE, FRAME)).isEqualTo(1000);
        assertThat(MuxStream.frameToSend(1000, 999, WHOLE, FRAME)).isZero();
    }

    @Test
    void underASmallWindowAWriterWaitsOnlyForHalfOfItWhichThePeerAlwaysGrantsOnceItHasRead() {
        int halfOfSmallWindow = 32 * 1024; // the peer grants more once half its window is consumed

        assertThat(MuxStream.frameToSend(1 << 20, halfOfSmallWindow, halfOfSmallWindow, FRAME))
                .isEqualTo(halfOfSmallWindow);
    }
}
