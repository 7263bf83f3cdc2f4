package dev.peernet.node;

import dev.peernet.session.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one static peer ({@code --peer HOST:PORT}) connected: dials it, waits while the connection
 * lives, and redials with {@link Backoff} after it drops or a dial fails.
 */
final class Redialer {
    private static final Logger log = LoggerFactory.getLogger(Redialer.class);

    private final Node node;
    private final HostPort address;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopped;
    private Thread thread;

    Redialer(Node node, HostPort address, Backoff backoff) {
        this.node = node;
        this.address = address;
        this.backoff = backoff;
    }

    void start() {
        thread = Thread.ofVirtual().name("peernet-redial-" + address).start(this::run);
    }

    void stop() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        boolean failedBefore = false;
        while (!stopped && !node.isClosed()) {
            Optional<Session> session = dialOnce(failedBefore);
            if (session.isPresent()) {
                failedBefore = false;
                backoff.reset();
                awaitClose(session.get());
            } else {
                failedBefore = true;
            }
            if (!stopped) {
                sleep(backoff.nextDelay());
            }
        }
    }

    private Optional<Session> dialOnce(boolean failedBefore) {
        try {
            return Optional.of(node.dial(address.toSocketAddress(), Optional.empty()));
        } catch (IOException e) {
            if (!failedBefore) {
                log.warn("Cannot connect to static peer {}: {} Retrying with backoff.", address, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void awaitClose(Session session) {
        try {
            session.closed().get();
            // The table may have swapped in a duplicate that won the tie-break; follow that one.
            Optional<Session> replacement = node.session(session.remotePeer());
            if (replacement.isPresent() && !stopped) {
                awaitClose(replacement.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.debug("Session to {} ended with {}", address, e.getCause().toString());
        }
    }

    private void sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        lock.lock();
        try {
            long left;
            while (!stopped && (left = deadline - System.nanoTime()) > 0) {
                long unused = wake.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
