package dev.peernet.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time stands still until a test {@linkplain #advance advances} it; due tasks then
 * run on the advancing thread, in time order. Hand it, with {@link #nanoTime()} and {@link #clock()},
 * to whatever takes a scheduler and a clock, and timeouts are tested without sleeping. Advance from one
 * thread at a time; tasks may be scheduled from any thread.
 */
public final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nanos;
    private long sequence;
    private boolean shutdown;

    /** Nanoseconds since this scheduler was made; a monotonic clock that moves only on advance. */
    public synchronized long nanoTime() {
        return nanos;
    }

    /** A wall clock reading 2025-01-01T00:00:00Z plus {@link #nanoTime()}. */
    public InstantSource clock() {
        return () -> EPOCH.plusNanos(nanoTime());
    }

    /** Tasks waiting to run, cancelled ones excluded. */
    public synchronized int pendingTasks() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go back: " + d);
        }
        long target;
        synchronized (this) {
            target = nanos + d.toNanos();
        }
        Task<?> next;
        while ((next = nextDue(target)) != null) {
            next.run();
        }
    }

    /** Runs the tasks due now, such as those given to {@link #execute}. */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    private synchronized Task<?> nextDue(long target) {
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task<?> task = queue.poll();
            nanos = Math.max(nanos, task.due);
            if (!task.isCancelled()) {
                return task;
            }
        }
        nanos = target;
        return null;
    }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("the fake scheduler is shut down");
        }
        queue.add(task);
        return task;
    }

    private synchronized long dueIn(long delay, TimeUnit unit) {
        return nanos + Math.max(0, unit.toNanos(delay));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<Void>(command, dueIn(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, dueIn(delay, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(new Task<Void>(command, dueIn(initialDelay, unit), positive(period, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return enqueue(new Task<Void>(command, dueIn(initialDelay, unit), -positive(delay, unit)));
    }

    private static long positive(long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("a period must be positive, not " + period + " " + unit);
        }
        return unit.toNanos(period);
    }

    /** Queues {@code command} to run at the current time, on the next advance. */
    @Override
    public void execute(Runnable command) {
        var unused = schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>(queue);
        queue.clear();
        return pending;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /**
     * A task due at {@code due} nanoseconds; {@code period} is 0 for one-shot, positive for fixed
     * rate, negative for fixed delay, as in {@link java.util.concurrent.ScheduledThreadPoolExecutor}.
     */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long period;
        private final long seq;
        private long due;

        Task(Runnable command, long due, long period) {
            super(command, null);
            this.due = due;
            this.period = period;
            this.seq = nextSequence();
        }

        Task(Callable<V> callable, long due) {
            super(callable);
            this.due = due;
            this.period = 0;
            this.seq = nextSequence();
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> t) {
                int byTime = Long.compare(due, t.due);
                return byTime != 0 ? byTime : Long.compare(seq, t.seq);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                due = period > 0 ? due + period : nanoTime() - period;
                requeue(this);
            }
        }
    }

    private synchronized long nextSequence() {
        return sequence++;
    }

    private synchronized void requeue(Task<?> task) {
        if (!shutdown && !task.isCancelled()) {
            queue.add(task);
        }
    }
}
