package dev.peernet.session;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames waiting for the session's writer. Control frames (PONG, WINDOW_UPDATE, RESET, ...) go
 * first; DATA frames are taken one per stream in turn, so a bulk stream cannot starve a small one.
 * Each stream's queued DATA is bounded by its flow-control window.
 */
final class OutboundQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final ArrayDeque<byte[]> control = new ArrayDeque<>();
    private final Map<Integer, ArrayDeque<byte[]>> dataByStream = new HashMap<>();
    private final ArrayDeque<Integer> readyStreams = new ArrayDeque<>();
    private boolean finished;

    /** Queues a control frame. Returns false if the queue is finished. */
    boolean control(byte[] frame) {
        lock.lock();
        try {
            if (finished) {
                return false;
            }
            control.add(frame);
            nonEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a stream's DATA (or stream-ordered RESET) frame behind its earlier frames. */
    boolean data(int streamId, byte[] frame) {
        lock.lock();
        try {
            if (finished) {
                return false;
            }
            ArrayDeque<byte[]> q = dataByStream.get(streamId);
            if (q == null) {
                q = new ArrayDeque<>();
                dataByStream.put(streamId, q);
                readyStreams.add(streamId);
            }
            q.add(frame);
            nonEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued DATA, queues {@code last} as the final frame, and refuses everything after it. */
    void finish(byte[] last) {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            dataByStream.clear();
            readyStreams.clear();
            control.add(last);
            finished = true;
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a frame is queued. Returns false once the queue is finished and drained: the
     * writer is done.
     */
    boolean awaitWork() throws InterruptedException {
        lock.lock();
        try {
            while (control.isEmpty() && readyStreams.isEmpty()) {
                if (finished) {
                    return false;
                }
                nonEmpty.await();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next frame to write, or null if none is queued. */
    byte[] poll() {
        lock.lock();
        try {
            byte[] frame = control.poll();
            if (frame != null) {
                return frame;
            }
            Integer id = readyStreams.poll();
            if (id == null) {
                return null;
            }
            ArrayDeque<byte[]> q = dataByStream.get(id);
            frame = q.poll();
            if (q.isEmpty()) {
                dataByStream.remove(id);
            } else {
                readyStreams.add(id);
            }
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing is queued and the queue still takes frames: a direct write may go ahead. */
    boolean isIdle() {
        lock.lock();
        try {
            return !finished && control.isEmpty() && readyStreams.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return control.isEmpty() && readyStreams.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
