package dev.peernet.session;

import static dev.peernet.session.SessionPair.WINDOW;
import static dev.peernet.session.SessionPair.async;
import static dev.peernet.session.SessionPair.get;
import static dev.peernet.session.SessionPair.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Session.CloseReason;
import dev.peernet.testkit.FakeScheduler;
import dev.peernet.wire.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams over a session on an in-memory link: data both ways, refusal, flow control, closing. */
@Timeout(60)
class SessionStreamsTest {
    private static final String ECHO = "/test/echo/1";
    private static final String HOLD = "/test/hold/1";
    private static final Protocols NOTHING = serving(Map.of());
    private static final Protocols ECHOING = serving(Map.of(ECHO, SessionStreamsTest::echo));

    private final FakeScheduler time = new FakeScheduler();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Stream> held = new CompletableFuture<>();
    private final Protocols holding = serving(Map.of(HOLD, this::hold));
    private SessionPair pair;

    @AfterEach
    void closeSessions() {
        release.countDown();
        if (pair != null) {
            pair.close();
        }
    }

    private static void echo(Stream stream) throws IOException {
        stream.input().transferTo(stream.output());
    }

    /** Hands the stream to the test and keeps it open, unread, until the test ends. */
    private void hold(Stream stream) {
        held.complete(stream);
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Sends {@code sent} through an echo stream opened by {@code opener} and returns what came back. */
    private static byte[] echoThrough(Session opener, byte[] sent) throws Exception {
        try (Stream stream = opener.openStream(ECHO)) {
            Future<byte[]> echoed = async(() -> stream.input().readAllBytes());
            stream.output().write(sent);
            stream.output().close();
            return get(echoed);
        }
    }

    @Test
    void aStreamCarriesBytesToThePeerAndBack() throws Exception {
        pair = SessionPair.establish(time, NOTHING, ECHOING);
        byte[] sent = randomBytes(5 * WINDOW + 123, 1);

        assertThat(echoThrough(pair.dialler, sent)).isEqualTo(sent);
    }

    @Test
    void theAcceptorOpensStreamsToTheDiallerJustAsWell() throws Exception {
        pair = SessionPair.establish(time, ECHOING, NOTHING);
        byte[] sent = randomBytes(3 * WINDOW, 2);

        assertThat(echoThrough(pair.acceptor, sent)).isEqualTo(sent);
    }

    @Test
    void eachSideLearnsWhoThePeerIsAndWhatItAnnounced() throws Exception {
        pair = SessionPair.establish(time, NOTHING, NOTHING);

        assertThat(pair.dialler.remotePeer()).isEqualTo(SessionPair.ACCEPTOR);
        assertThat(pair.dialler.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(pair.dialler.remoteHello().name()).isEqualTo("acceptor");
        assertThat(pair.acceptor.remotePeer()).isEqualTo(SessionPair.DIALLER);
        assertThat(pair.acceptor.direction()).isEqualTo(Direction.INBOUND);
        assertThat(pair.acceptor.remoteHello().protocolVersion()).isEqualTo(SessionConfig.PROTOCOL_VERSION);
    }

    @Test
    void streamsOpenedFromManyThreadsAtOnceAreAllAccepted() throws Exception {
        pair = SessionPair.establish(time, NOTHING, ECHOING);
        for (int round = 0; round < 100; round++) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Stream>> opened = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                opened.add(async(() -> {
                    start.await();
                    return pair.dialler.openStream(ECHO);
                }));
            }

            start.countDown();

            for (Future<Stream> stream : opened) {
                get(stream).close();
            }
        }
        assertThat(pair.dialler.isOpen()).isTrue();
    }

    @Test
    void aProtocolThePeerDoesNotServeFailsWithUnknownProtocolAndTheSessionStaysOpen() throws Exception {
        pair = SessionPair.establish(time, NOTHING, ECHOING);

        assertThatThrownBy(() -> pair.dialler.openStream("/nobody/serves/1"))
                .isInstanceOfSatisfying(
                        SessionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PROTOCOL))
                .hasMessageContaining("/nobody/serves/1");

        assertThat(pair.dialler.isOpen()).isTrue();
        assertThat(pair.acceptor.isOpen()).isTrue();
        byte[] sent = randomBytes(1000, 3);
        assertThat(echoThrough(pair.dialler, sent)).isEqualTo(sent);
    }

    @Test
    void aWriterStopsAtExactlyThePeersWindowAndResumesAsTheReaderConsumes() throws Exception {
        pair = SessionPair.establish(time, NOTHING, holding);
        Stream out = pair.dialler.openStream(HOLD);
        Stream in = held.get(5, TimeUnit.SECONDS);
        byte[] sent = randomBytes(4 * WINDOW, 4);
        AtomicLong written = new AtomicLong();
        Future<?> writer = async(() -> {
            for (int off = 0; off < sent.length; off += 1024) {
                out.output().write(sent, off, 1024);
                written.addAndGet(1024);
            }
            out.output().close();
            return null;
        });

        assertStaysAt(written, WINDOW);
        byte[] first = in.input().readNBytes(WINDOW / 2);
        assertStaysAt(written, WINDOW + WINDOW / 2);
        byte[] rest = in.input().readAllBytes();

        get(writer);
        var received = new ByteArrayOutputStream();
        received.writeBytes(first);
        received.writeBytes(rest);
        assertThat(received.toByteArray()).isEqualTo(sent);
    }

    /** {@code counter} reaches {@code value} and then does not move for a while. */
    private static void assertStaysAt(AtomicLong counter, long value) {
        await().atMost(Duration.ofSeconds(5)).until(() -> counter.get() >= value);
        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(counter.get()).isEqualTo(value));
    }

    @Test
    void closingSendsAGoAwayWhoseCodeAndMessageReachThePeer() throws Exception {
        pair = SessionPair.establish(time, NOTHING, NOTHING);

        pair.dialler.close(ErrorCode.SHUTDOWN, "the node is shutting down");

        assertThat(pair.acceptor.closed().get(5, TimeUnit.SECONDS))
                .isEqualTo(new CloseReason(ErrorCode.SHUTDOWN, "the node is shutting down", true));
        assertThat(pair.dialler.closed().get(5, TimeUnit.SECONDS))
                .isEqualTo(new CloseReason(ErrorCode.SHUTDOWN, "the node is shutting down", false));
        assertThat(pair.acceptor.isOpen()).isFalse();
    }

    @Test
    void streamsStillOpenWhenThePeerClosesFailWithItsCode() throws Exception {
        pair = SessionPair.establish(time, NOTHING, holding);
        Stream out = pair.dialler.openStream(HOLD);
        Stream in = held.get(5, TimeUnit.SECONDS);

        pair.dialler.close(ErrorCode.SHUTDOWN, "the node is shutting down");

        assertThatThrownBy(() -> in.input().read())
                .isInstanceOfSatisfying(
                        SessionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHUTDOWN))
                .hasMessageContaining("the node is shutting down");
        assertThatThrownBy(() -> out.output().write(1)).isInstanceOf(SessionException.class);
        assertThatThrownBy(() -> pair.dialler.openStream(HOLD)).isInstanceOf(SessionException.class);
    }
}
