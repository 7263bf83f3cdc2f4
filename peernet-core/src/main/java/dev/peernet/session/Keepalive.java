package dev.peernet.session;

import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.Frame;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the peer every keepalive interval, measures the round trip, and closes the session when
 * nothing arrived for the dead timeout, or no stream was active for the idle timeout.
 */
final class Keepalive {
    private final MuxSession session;
    private final SessionConfig config;
    private volatile long lastReceived;
    private volatile long pingSentAt;
    private volatile long outstandingNonce = -1;
    private volatile long rttNanos = -1;
    private ScheduledFuture<?> tick;
    private long nextNonce = 1;

    Keepalive(MuxSession session, SessionConfig config) {
        this.session = session;
        this.config = config;
        this.lastReceived = now();
    }

    private long now() {
        return config.nanoTime().getAsLong();
    }

    synchronized void start() {
        long period = Math.max(10, config.keepalive().toMillis() / 2);
        tick = config.scheduler().scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        sendPing();
    }

    synchronized void stop() {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    void received() {
        lastReceived = now();
    }

    void pong(long nonce) {
        if (nonce == outstandingNonce) {
            rttNanos = now() - pingSentAt;
            outstandingNonce = -1;
        }
    }

    Optional<Duration> rtt() {
        long r = rttNanos;
        return r < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(r));
    }

    /** One keepalive tick; package-private so tests can drive it with a fake clock. */
    void check() {
        long now = now();
        long silent = now - lastReceived;
        if (silent >= config.deadAfter().toNanos()) {
            session.close(
                    ErrorCode.IDLE_TIMEOUT,
                    "nothing received for " + Duration.ofNanos(silent).toMillis() + " ms; the peer is presumed dead");
            return;
        }
        Duration idle = config.idleAfter();
        if (!idle.isZero() && !session.hasStreams() && now - session.lastStreamActivity() >= idle.toNanos()) {
            session.close(ErrorCode.IDLE_TIMEOUT, "no stream activity for " + idle.toSeconds() + " s");
            return;
        }
        if (now - pingSentAt >= config.keepalive().toNanos()) {
            sendPing();
        }
    }

    private synchronized void sendPing() {
        long nonce = nextNonce++;
        pingSentAt = now();
        outstandingNonce = nonce;
        session.sendControl(new Frame.Ping(nonce));
    }
}
