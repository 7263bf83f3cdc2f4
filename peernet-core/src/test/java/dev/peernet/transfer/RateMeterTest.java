package dev.peernet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class RateMeterTest {
    /** A clock that moves only when the test moves it. */
    private static final class MovingClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MovingClock clock = new MovingClock();
    private final RateMeter meter = new RateMeter(clock);

    @Test
    void nothingReceivedIsNoRateAndNoEta() {
        assertThat(meter.bytesPerSecond()).isZero();
        assertThat(meter.eta(1000)).isEmpty();
    }

    @Test
    void aSteadyFlowIsMeasuredAtItsRateWithTheEtaItImplies() {
        for (int i = 0; i < 40; i++) { // 10 s of 1 MB/s, a chunk every 250 ms
            meter.add(250_000);
            clock.advance(Duration.ofMillis(250));
        }
        meter.add(250_000);

        assertThat(meter.bytesPerSecond()).isBetween(950_000L, 1_050_000L);
        assertThat(meter.eta(10_000_000))
                .hasValueSatisfying(eta -> assertThat(eta.toMillis()).isBetween(9_500L, 10_500L));
    }

    @Test
    void theRateFollowsAChangeWithinTheWindowAndForgetsWhatCameBefore() {
        for (int i = 0; i < 40; i++) {
            meter.add(2_500_000); // 10 MB/s
            clock.advance(Duration.ofMillis(250));
        }
        for (int i = 0; i < 24; i++) {
            meter.add(25_000); // then 100 kB/s for 6 s
            clock.advance(Duration.ofMillis(250));
        }

        assertThat(meter.bytesPerSecond()).isBetween(90_000L, 110_000L);
    }

    @Test
    void aStalledTransferHasNoRateOnceTheWindowHasPassed() {
        meter.add(1_000_000);
        clock.advance(RateMeter.WINDOW.plusSeconds(1));

        assertThat(meter.bytesPerSecond()).isZero();
        assertThat(meter.eta(1)).isEmpty();
    }
}
