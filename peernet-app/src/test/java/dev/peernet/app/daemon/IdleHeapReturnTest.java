package dev.peernet.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleHeapReturnTest {
    private static final long MIB = 1L << 20;

    /** A heap whose collections and size the test sets; a whole collection shrinks it to {@code live}. */
    private static final class FakeHeap implements IdleHeapReturn.Heap {
        long collections;
        long committed = 16 * MIB;
        long live = 14 * MIB;
        int whole;

        @Override
        public long collections() {
            return collections;
        }

        @Override
        public long committed() {
            return committed;
        }

        @Override
        public void collect() {
            whole++;
            collections++;
            committed = live;
        }

        /** The node worked: young collections ran and the old generation grew. */
        void work(long grownTo) {
            collections += 40;
            committed = grownTo;
        }
    }

    private final FakeHeap heap = new FakeHeap();
    private final IdleHeapReturn idle = new IdleHeapReturn(heap, 16 * MIB);

    @Test
    void aNodeThatWentQuietAfterWorkIsCollectedOnceItHasBeenQuietForAWholePeriod() {
        heap.work(31 * MIB);

        assertThat(idle.tick()).as("the period in which it worked").isFalse();
        assertThat(idle.tick()).as("the first quiet period").isTrue();
        assertThat(heap.whole).isEqualTo(1);
        assertThat(heap.committed).isEqualTo(14 * MIB);
    }

    @Test
    void aBusyNodeIsNeverCollected() {
        for (int i = 0; i < 10; i++) {
            heap.work(40 * MIB + i * MIB);
            assertThat(idle.tick()).isFalse();
        }

        assertThat(heap.whole).isZero();
    }

    @Test
    void aQuietNodeWhoseHeapGrewByLessThanTheThresholdIsLeftAlone() {
        heap.work(16 * MIB + IdleHeapReturn.GROWTH - 1);
        idle.tick();

        assertThat(idle.tick()).isFalse();
        assertThat(idle.tick()).isFalse();
        assertThat(heap.whole).isZero();
    }

    @Test
    void itsOwnCollectionDoesNotCountAsWorkAndAnIdleNodeIsCollectedOnlyOnce() {
        heap.work(31 * MIB);
        idle.tick();
        idle.tick();

        for (int i = 0; i < 10; i++) {
            assertThat(idle.tick()).isFalse();
        }
        assertThat(heap.whole).isEqualTo(1);
    }

    @Test
    void aHeapThatStaysLargeBecauseItsDataIsLiveIsNotCollectedAgainUntilItGrowsFurther() {
        heap.live = 60 * MIB;
        heap.work(70 * MIB);
        idle.tick();
        idle.tick();
        assertThat(heap.whole).isEqualTo(1);

        heap.work(64 * MIB);
        idle.tick();
        assertThat(idle.tick())
                .as("grown by less than the threshold over what was live")
                .isFalse();

        heap.work(60 * MIB + IdleHeapReturn.GROWTH);
        idle.tick();
        assertThat(idle.tick()).isTrue();
        assertThat(heap.whole).isEqualTo(2);
    }

    @Test
    void theJvmsOwnHeapCountsItsCollectionsAndCollectsWhole() {
        IdleHeapReturn.Heap jvm = IdleHeapReturn.jvm();
        long before = jvm.collections();

        jvm.collect();

        assertThat(jvm.collections()).isGreaterThan(before);
        assertThat(jvm.committed()).isPositive();
    }
}
