package dev.peernet.session;

import dev.peernet.identity.PeerId;
import dev.peernet.testkit.FakeScheduler;
import dev.peernet.testkit.LinkPair;
import dev.peernet.testkit.LinkPolicy;
import dev.peernet.transport.SecureLink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two sessions over one in-memory link, established concurrently the way a dialler and an acceptor
 * are. Timers run on a {@link FakeScheduler}, so nothing times out until a test advances it.
 */
final class SessionPair implements AutoCloseable {
    static final PeerId DIALLER = peer(1);
    static final PeerId ACCEPTOR = peer(2);
    static final int WINDOW = 64 * 1024;
    static final Duration HANDSHAKE = Duration.ofSeconds(5);
    static final Duration KEEPALIVE = Duration.ofSeconds(1);
    static final Duration DEAD = Duration.ofSeconds(3);

    final LinkPair link;
    final Session dialler;
    final Session acceptor;

    private SessionPair(LinkPair link, Session dialler, Session acceptor) {
        this.link = link;
        this.dialler = dialler;
        this.acceptor = acceptor;
    }

    /** Platform threads for stream handlers, shared by every test session. */
    private static final java.util.concurrent.ExecutorService HANDLERS =
            java.util.concurrent.Executors.newCachedThreadPool(
                    Thread.ofPlatform().name("test-stream-", 0).daemon().factory());

    static PeerId peer(int n) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        Arrays.fill(key, (byte) n);
        return PeerId.ofKeyBytes(key);
    }

    /** Session settings for tests: a 64 KiB window, 1 s keepalive, dead after 3 s of silence. */
    static SessionConfig config(FakeScheduler time, String name) {
        return new SessionConfig(
                name,
                List::of,
                SessionConfig.PROTOCOL_VERSION,
                SessionConfig.PROTOCOL_VERSION,
                WINDOW,
                SessionConfig.DEFAULT_MAX_FRAME_PAYLOAD,
                HANDSHAKE,
                KEEPALIVE,
                DEAD,
                Duration.ZERO,
                64,
                time,
                HANDLERS,
                time::nanoTime,
                time.clock());
    }

    /** Protocols served from a map; anything else is refused. */
    static Protocols serving(Map<String, StreamHandler> handlers) {
        return (protocol, peer) -> Optional.ofNullable(handlers.get(protocol));
    }

    static SessionPair establish(FakeScheduler time, Protocols diallerServes, Protocols acceptorServes)
            throws Exception {
        LinkPair link = LinkPair.create(DIALLER, ACCEPTOR, LinkPolicy.NONE, time);
        var d = establish(link.dialler(), Direction.OUTBOUND, config(time, "dialler"), diallerServes);
        var a = establish(link.acceptor(), Direction.INBOUND, config(time, "acceptor"), acceptorServes);
        return new SessionPair(link, get(d), get(a));
    }

    /** Starts {@link Sessions#establish} on its own thread. */
    static Future<Session> establish(SecureLink link, Direction direction, SessionConfig config, Protocols serves) {
        return async(() -> Sessions.establish(link, direction, config, serves));
    }

    static <T> Future<T> async(Callable<T> task) {
        var future = new FutureTask<>(task);
        Thread.ofVirtual().start(future);
        return future;
    }

    /** The result within 10 s, with the cause of a failure unwrapped. */
    static <T> T get(Future<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        dialler.close();
        acceptor.close();
    }
}
