package dev.peernet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FakeSchedulerTest {
    private final FakeScheduler time = new FakeScheduler();
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskRunsOnlyOnceTimeReachesItsDelay() {
        var _ = time.schedule(() -> ran.add("due"), 100, TimeUnit.MILLISECONDS);

        time.advance(Duration.ofMillis(99));
        assertThat(ran).isEmpty();

        time.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("due");
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void tasksRunInTimeOrderAndThenInTheOrderTheyWereScheduled() {
        var _ = time.schedule(() -> ran.add("late"), 2, TimeUnit.SECONDS);
        var _ = time.schedule(() -> ran.add("early"), 1, TimeUnit.SECONDS);
        var _ = time.schedule(() -> ran.add("early too"), 1, TimeUnit.SECONDS);

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("early", "early too", "late");
    }

    @Test
    void aTaskSeesTheTimeItWasDueAt() {
        List<Long> seen = new ArrayList<>();
        var _ = time.schedule(() -> seen.add(time.nanoTime()), 3, TimeUnit.SECONDS);

        time.advance(Duration.ofSeconds(10));

        assertThat(seen).containsExactly(Duration.ofSeconds(3).toNanos());
        assertThat(time.nanoTime()).isEqualTo(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aFixedRateTaskRunsOncePerPeriodUntilCancelled() {
        ScheduledFuture<?> tick = time.scheduleAtFixedRate(() -> ran.add("tick"), 0, 500, TimeUnit.MILLISECONDS);

        time.advance(Duration.ofMillis(1999));
        assertThat(ran).hasSize(4);

        tick.cancel(false);
        time.advance(Duration.ofSeconds(10));
        assertThat(ran).hasSize(4);
    }

    @Test
    void aTaskScheduledByARunningTaskRunsInTheSameAdvanceWhenDue() {
        var _ = time.schedule(
                () -> {
                    ran.add("first");
                    var _ = time.schedule(() -> ran.add("second"), 1, TimeUnit.SECONDS);
                },
                1,
                TimeUnit.SECONDS);

        time.advance(Duration.ofSeconds(2));

        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void theWallClockMovesWithTheMonotonicClock() {
        var before = time.clock().instant();

        time.advance(Duration.ofMinutes(3));

        assertThat(Duration.between(before, time.clock().instant())).isEqualTo(Duration.ofMinutes(3));
    }
}
