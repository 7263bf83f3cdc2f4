package dev.peernet.session;

import static dev.peernet.session.SessionPair.ACCEPTOR;
import static dev.peernet.session.SessionPair.DIALLER;
import static dev.peernet.session.SessionPair.HANDSHAKE;
import static dev.peernet.session.SessionPair.config;
import static dev.peernet.session.SessionPair.establish;
import static dev.peernet.session.SessionPair.get;
import static dev.peernet.session.SessionPair.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.testkit.FakeScheduler;
import dev.peernet.testkit.LinkPair;
import dev.peernet.testkit.LinkPolicy;
import dev.peernet.transport.SecureLink;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.Frame;
import dev.peernet.wire.FrameCodec;
import dev.peernet.wire.FrameReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HELLO exchange: version agreement, the handshake deadline, and peers that break the rules. */
@Timeout(60)
class SessionHandshakeTest {
    private static final Protocols NOTHING = serving(Map.of());

    private final FakeScheduler time = new FakeScheduler();
    private final LinkPair link = LinkPair.create(DIALLER, ACCEPTOR, LinkPolicy.NONE, time);

    private Future<Session> dial() {
        return establish(link.dialler(), Direction.OUTBOUND, config(time, "dialler"), NOTHING);
    }

    private static void assertFailsWith(ThrowingCallable call, ErrorCode code, String sentence) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        SessionException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(sentence);
    }

    /** The frames the session under test sent to the scripted peer, up to the end of the link. */
    private static java.util.List<Frame> framesSentTo(SecureLink scriptedPeer) throws Exception {
        var reader = new FrameReader(scriptedPeer.input(), 1 << 20);
        var frames = new java.util.ArrayList<Frame>();
        Frame f;
        while ((f = reader.read()) != null) {
            frames.add(f);
        }
        return frames;
    }

    @Test
    void incompatibleVersionsFailOnBothSidesWithASentenceNamingBothVersions() {
        var newer = establish(
                link.dialler(), Direction.OUTBOUND, config(time, "new").withVersions(2, 2), NOTHING);
        var older = establish(
                link.acceptor(), Direction.INBOUND, config(time, "old").withVersions(1, 1), NOTHING);

        assertFailsWith(
                () -> get(newer),
                ErrorCode.INCOMPATIBLE_VERSION,
                "incompatible Peernet versions: this node speaks session protocol v2, the peer speaks v1;");
        assertFailsWith(
                () -> get(older),
                ErrorCode.INCOMPATIBLE_VERSION,
                "incompatible Peernet versions: this node speaks session protocol v1, the peer speaks v2;");
    }

    @Test
    void aNewerNodeStepsDownToTheVersionOfAnOlderOneItStillAccepts() throws Exception {
        var newer = establish(
                link.dialler(), Direction.OUTBOUND, config(time, "new").withVersions(2, 1), NOTHING);
        var older = establish(
                link.acceptor(), Direction.INBOUND, config(time, "old").withVersions(1, 1), NOTHING);

        try (Session n = get(newer);
                Session o = get(older)) {
            assertThat(n.remoteHello().protocolVersion()).isEqualTo(1);
            assertThat(o.remoteHello().protocolVersion()).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatNeverSendsHelloIsDroppedWithHandshakeTimeoutAtTheDeadline() throws Exception {
        Future<Session> session = dial();
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingTasks() == 1);

        time.advance(HANDSHAKE.minusMillis(1));
        assertThat(session.isDone()).as("done before the deadline").isFalse();
        time.advance(Duration.ofMillis(1));

        assertFailsWith(
                () -> get(session),
                ErrorCode.HANDSHAKE_TIMEOUT,
                "the peer did not finish the handshake within 5000 ms");
        assertThat(framesSentTo(link.acceptor())).singleElement().isInstanceOf(Frame.Hello.class);
    }

    @Test
    void aFirstFrameOtherThanHelloIsRefusedWithAGoAway() throws Exception {
        Future<Session> session = dial();

        link.acceptor().output().write(FrameCodec.encode(new Frame.Ping(1)));

        assertFailsWith(() -> get(session), ErrorCode.PROTOCOL_ERROR, "the peer's first frame was not HELLO");
        assertThat(framesSentTo(link.acceptor()))
                .hasSize(2)
                .last()
                .isEqualTo(new Frame.GoAway(ErrorCode.PROTOCOL_ERROR, "the peer's first frame was not HELLO"));
    }

    @Test
    void aLinkThatClosesDuringTheHandshakeFailsWithAProtocolError() {
        Future<Session> session = dial();

        link.acceptor().close();

        assertThatThrownBy(() -> get(session))
                .isInstanceOfSatisfying(
                        SessionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
    }
}
