package dev.peernet.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HalfOpenLimiterTest {
    @Test
    void aHostIsRefusedOnceItHoldsTheLimitAndAdmittedAgainAfterARelease() {
        var limiter = new HalfOpenLimiter(2);

        assertThat(limiter.tryAcquire("127.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("127.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("127.0.0.1")).isFalse();
        limiter.release("127.0.0.1");

        assertThat(limiter.tryAcquire("127.0.0.1")).isTrue();
        assertThat(limiter.count("127.0.0.1")).isEqualTo(2);
    }

    @Test
    void oneHostAtItsLimitDoesNotCrowdOutAnother() {
        var limiter = new HalfOpenLimiter(1);

        assertThat(limiter.tryAcquire("127.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("127.0.0.1")).isFalse();

        assertThat(limiter.tryAcquire("127.0.0.2")).isTrue();
    }

    @Test
    void aRefusedAttemptTakesNoSlotSoReleasingEveryGrantedOneLeavesNothingBehind() {
        var limiter = new HalfOpenLimiter(3);
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            granted += limiter.tryAcquire("::1") ? 1 : 0;
        }
        for (int i = 0; i < granted; i++) {
            limiter.release("::1");
        }

        assertThat(granted).isEqualTo(3);
        assertThat(limiter.count("::1")).isZero();
    }

    @Test
    void aFloodFromManyThreadsIsHeldToTheLimit() throws Exception {
        var limiter = new HalfOpenLimiter(4);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                attempts.add(threads.submit((Callable<Boolean>) () -> limiter.tryAcquire("127.0.0.1")));
            }
        }
        long granted = 0;
        for (Future<Boolean> attempt : attempts) {
            granted += attempt.get() ? 1 : 0;
        }

        assertThat(granted).isEqualTo(4);
        assertThat(limiter.count("127.0.0.1")).isEqualTo(4);
    }
}
