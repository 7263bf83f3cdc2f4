package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic on a fake clock: the sleeper advances it, nothing really sleeps. */
class UploadLimiterTest {
    private static final long MS = 1_000_000;

    private long now = 5_000 * MS;
    private final List<Long> sleeps = new ArrayList<>();
    private final UploadLimiter limiter = new UploadLimiter(1_000_000, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void aFullBucketLetsATenthOfASecondOfTheRateGoAtOnce() throws Exception {
        limiter.acquire(100_000);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void beyondTheBurstEachByteCostsOneOverTheRate() throws Exception {
        limiter.acquire(100_000); // the burst
        limiter.acquire(250_000); // 250 ms at 1 MB/s

        assertThat(sleeps).containsExactly(250 * MS);
    }

    @Test
    void sendingTenMebibytesInFrameSlicesAtOneMegabytePerSecondTakesTheirTimeLessTheBurst() throws Exception {
        long start = now;
        for (int i = 0; i < 160; i++) {
            limiter.acquire(65_536); // 65.536 ms each at 1 MB/s
        }

        assertThat(now - start).isEqualTo(160 * 65_536_000L - 100 * MS);
    }

    @Test
    void aQuietSpellRefillsTheBucketButNoMoreThanTheBurst() throws Exception {
        limiter.acquire(100_000);
        now += 60_000 * MS; // a minute of nothing

        limiter.acquire(300_000);

        assertThat(sleeps).containsExactly(200 * MS);
    }

    @Test
    void concurrentUploadsShareTheRateEachWaitingBehindTheOthers() throws Exception {
        var bucket = new TokenBucket(1_000_000, 100_000, () -> now);
        bucket.take(100_000);

        assertThat(bucket.take(50_000)).isEqualTo(50 * MS); // first in line
        assertThat(bucket.take(50_000)).isEqualTo(100 * MS); // behind it
    }

    @Test
    void aNewRateAppliesAtOnceAndZeroRemovesTheLimit() throws Exception {
        limiter.setBytesPerSecond(10_000);
        limiter.acquire(1_000); // the burst of 10 000 B/s
        limiter.acquire(5_000);
        assertThat(sleeps).containsExactly(500 * MS);

        limiter.setBytesPerSecond(0);
        limiter.acquire(1_000_000_000);
        assertThat(sleeps).hasSize(1);
        assertThat(limiter.bytesPerSecond()).isZero();
    }

    @Test
    void aNegativeOrImpossibleRateIsRefusedWithASentence() {
        assertThatThrownBy(() -> limiter.setBytesPerSecond(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An upload limit is 0 (none) to 9000000000 bytes/s, not -1.");
    }

    @Test
    void theBrowseLimitAllowsItsBurstThenOneRequestPerTwentiethOfASecond() {
        var limits = new MemberLimits(() -> now);
        var peer = ShareStoreTest.peer(7);
        for (int i = 0; i < MemberLimits.BROWSE_BURST; i++) {
            assertThat(limits.browse(peer)).as("request %d", i).isZero();
        }
        assertThat(limits.browse(peer)).isEqualTo(50 * MS);
        now += 50 * MS;
        assertThat(limits.browse(peer)).isZero();
        assertThat(limits.browse(peer)).isEqualTo(50 * MS);
        assertThat(limits.browse(ShareStoreTest.peer(8))).as("another member").isZero();
    }

    @Test
    void aBrowseRequestThatReadManyIndexRowsIsChargedThemAndTheNextOneWaits() {
        var limits = new MemberLimits(() -> now);
        var peer = ShareStoreTest.peer(7);

        assertThat(limits.browse(peer)).isZero();
        limits.read(peer, 300_000); // 3 s of the member's 100 000 rows a second

        // 50 ms (its minimum) + 2 950 ms owed + the next one's own 50 ms, less the 2.5 s burst
        assertThat(limits.browse(peer)).isEqualTo(550 * MS);
        now += 550 * MS;
        assertThat(limits.browse(peer)).isZero();
    }

    @Test
    void aMemberMayHoldSixteenShareStreamsAndOpenAnotherOnceOneCloses() {
        var limits = new MemberLimits(() -> now);
        var peer = ShareStoreTest.peer(7);
        for (int i = 0; i < MemberLimits.MAX_STREAMS; i++) {
            assertThat(limits.openStream(peer)).isTrue();
        }
        assertThat(limits.openStream(peer)).isFalse();
        assertThat(limits.openStream(ShareStoreTest.peer(8))).isTrue();
        limits.closeStream(peer);
        assertThat(limits.openStream(peer)).isTrue();
    }
}
