package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleFromOneSecondUpToAMinuteWithinTwentyPercentJitter() {
        Backoff backoff = new Backoff(new SplittableRandom(7));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(backoff.nextDelay());
        }

        long[] bases = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int i = 0; i < bases.length; i++) {
            assertThat(delays.get(i).toMillis()).as("attempt %d", i + 1).isBetween(bases[i] * 800, bases[i] * 1200);
        }
    }

    @Test
    void aSuccessStartsTheDelaysAgain() {
        Backoff backoff = new Backoff(new SplittableRandom(7));
        for (int i = 0; i < 5; i++) {
            backoff.nextDelay();
        }

        backoff.reset();

        assertThat(backoff.nextDelay()).isLessThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(new SplittableRandom(3));
        Backoff b = new Backoff(new SplittableRandom(3));

        for (int i = 0; i < 5; i++) {
            assertThat(a.nextDelay()).isEqualTo(b.nextDelay());
        }
    }
}
