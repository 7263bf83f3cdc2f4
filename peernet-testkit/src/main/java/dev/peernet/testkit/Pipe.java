package dev.peernet.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of an in-memory link: a bounded byte queue with blocking reads and writes and the
 * close semantics of a TCP socket. Closing the writer end lets the reader drain and then see end of
 * stream; closing the reader end makes the writer fail. While held (partitioned), written bytes wait
 * and the reader sees nothing. With a latency, each write becomes readable that much later; the bytes
 * count against the capacity while in flight, so the capacity bounds the bandwidth-delay product.
 */
final class Pipe {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final Duration latency;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<byte[]> readable = new ArrayDeque<>();
    private final ArrayDeque<byte[]> inFlight = new ArrayDeque<>();
    private int headPos;
    private int used;
    private boolean held;
    private boolean writerClosed;
    private boolean readerClosed;
    private String failure;

    final InputStream input = new Input();
    final OutputStream output = new Output();

    Pipe(int capacity, Duration latency, ScheduledExecutorService scheduler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a pipe needs a capacity of at least 1 byte, not " + capacity);
        }
        this.capacity = capacity;
        this.latency = latency;
        this.scheduler = scheduler;
    }

    /** Holds bytes back from the reader (true) or lets them flow again (false). */
    void hold(boolean value) {
        lock.lock();
        try {
            held = value;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The owner of the writing end closed the link: the reader drains, then sees end of stream. */
    void closeWriter() {
        lock.lock();
        try {
            writerClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The owner of the reading end closed the link: unread bytes are dropped and the writer fails. */
    void closeReader() {
        lock.lock();
        try {
            readerClosed = true;
            readable.clear();
            inFlight.clear();
            used = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The link was cut: writes fail at once; the reader gets what was already readable, then fails. */
    void cut(String why) {
        lock.lock();
        try {
            if (failure == null) {
                failure = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            lock.lock();
            try {
                awaitRoomToWrite();
                n = Math.min(len, capacity - used);
                enqueue(Arrays.copyOfRange(b, off, off + n));
            } finally {
                lock.unlock();
            }
            off += n;
            len -= n;
        }
    }

    private void awaitRoomToWrite() throws IOException {
        while (true) {
            if (writerClosed) {
                throw new IOException("the link is closed");
            }
            if (failure != null) {
                throw new IOException(failure);
            }
            if (readerClosed) {
                throw new IOException("the peer closed the link");
            }
            if (used < capacity) {
                return;
            }
            await();
        }
    }

    private void enqueue(byte[] chunk) {
        used += chunk.length;
        if (latency.isZero()) {
            readable.add(chunk);
            changed.signalAll();
        } else {
            inFlight.add(chunk);
            ScheduledFuture<?> unused = scheduler.schedule(this::land, latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The oldest chunk in flight arrives; taking the oldest keeps order whatever runs the task. */
    private void land() {
        lock.lock();
        try {
            byte[] chunk = inFlight.poll();
            if (chunk != null) {
                readable.add(chunk);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private int read(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (readerClosed) {
                    throw new IOException("the link is closed");
                }
                if (!held && !readable.isEmpty()) {
                    return take(b, off, len);
                }
                if (failure != null) {
                    throw new IOException(failure);
                }
                if (writerClosed && !held && inFlight.isEmpty()) {
                    return -1;
                }
                await();
            }
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] b, int off, int len) {
        byte[] head = readable.getFirst();
        int n = Math.min(len, head.length - headPos);
        System.arraycopy(head, headPos, b, off, n);
        headPos += n;
        if (headPos == head.length) {
            readable.removeFirst();
            headPos = 0;
        }
        used -= n;
        changed.signalAll();
        return n;
    }

    @SuppressWarnings("WaitNotInLoop") // every caller waits in a loop that rechecks its condition
    private void await() throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on an in-memory link");
        }
    }

    private int available() {
        lock.lock();
        try {
            return held || readable.isEmpty() ? 0 : readable.getFirst().length - headPos;
        } finally {
            lock.unlock();
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = Pipe.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : Pipe.this.read(b, off, len);
        }

        @Override
        public int available() {
            return Pipe.this.available();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            Pipe.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            Pipe.this.write(b, off, len);
        }
    }
}
