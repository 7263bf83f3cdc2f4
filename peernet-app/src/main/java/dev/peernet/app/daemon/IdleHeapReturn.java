package dev.peernet.app.daemon;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap back to the system once the node has gone quiet after work.
 *
 * <p>{@code up} runs the serial collector (ADR 0013), which grows its old generation with what
 * work promoted rather than collect it whole, and shrinks the heap only after a whole collection.
 * Without one, a node that had fetched 5 000 files held 185-200 MiB afterwards, with 13 MB of it
 * live. So every {@link #PERIOD}, if no collection at all ran during the last period (the node
 * allocates next to nothing, so it is idle) and the heap has grown by {@link #GROWTH} since the
 * last whole collection, this runs one. With {@code -XX:-ShrinkHeapInSteps} the heap then shrinks
 * at once to what is live plus the launcher's free ratio.
 *
 * <p>A busy node is never collected here: it collects young objects every few milliseconds, so no
 * period is quiet. An idle node whose heap did not grow is left alone too.
 */
public final class IdleHeapReturn implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdleHeapReturn.class);

    /** How long the node must have collected nothing before its heap is collected whole. */
    static final Duration PERIOD = Duration.ofSeconds(5);

    /** How much the heap must have grown since the last whole collection: below it, nothing to give back. */
    static final long GROWTH = 8L << 20;

    /** What the collector reads and does; {@link #jvm()} is the real one. */
    interface Heap {
        /** Collections of any kind so far. */
        long collections();

        /** Bytes of heap the JVM holds from the system. */
        long committed();

        /** One whole collection. */
        void collect();
    }

    private final Heap heap;
    private long seen;
    private long floor;
    private ScheduledExecutorService timer;

    /** {@code floor} is what the heap may hold without being collected: its first size. */
    IdleHeapReturn(Heap heap, long floor) {
        this.heap = heap;
        this.seen = heap.collections();
        this.floor = floor;
    }

    /** Starts checking the JVM's own heap every {@link #PERIOD}, on a daemon thread of its own. */
    public static IdleHeapReturn start() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        IdleHeapReturn idle = new IdleHeapReturn(
                jvm(), Math.max(0, memory.getHeapMemoryUsage().getInit()));
        idle.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("peernet-idle-heap").factory());
        long millis = PERIOD.toMillis();
        var unused = idle.timer.scheduleWithFixedDelay(idle::safeTick, millis, millis, TimeUnit.MILLISECONDS);
        return idle;
    }

    /** One check: collects if nothing was collected since the last one and the heap has grown. */
    boolean tick() {
        long now = heap.collections();
        if (now != seen) {
            seen = now;
            return false;
        }
        long before = heap.committed();
        if (before < floor + GROWTH) {
            return false;
        }
        heap.collect();
        seen = heap.collections();
        floor = heap.committed();
        log.debug(
                "The node was idle: collected its heap whole, {} MiB held before, {} MiB after.",
                before >> 20,
                floor >> 20);
        return true;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) { // a failed check must not end the timer's later ones
            log.warn("Checking whether to give the idle node's heap back failed", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    static Heap jvm() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        return new Heap() {
            @Override
            public long collections() {
                long n = 0;
                for (GarbageCollectorMXBean c : collectors) {
                    n += Math.max(0, c.getCollectionCount());
                }
                return n;
            }

            @Override
            public long committed() {
                return memory.getHeapMemoryUsage().getCommitted();
            }

            @Override
            public void collect() {
                memory.gc();
            }
        };
    }
}
