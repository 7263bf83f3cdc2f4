package dev.peernet.node;

import static dev.peernet.node.HostilePeer.assertStillServes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.ping.PingProtocol;
import dev.peernet.session.SessionException;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that completed TLS breaks the session protocol frame by frame. A connection-level
 * violation is answered with a GOAWAY carrying its error code and the connection is closed; a
 * stream-level one with a RESET while the connection stays up. Either way the node logs one line and
 * keeps serving other peers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileFramesTest {
    private static final int DATA = 0;
    private static final int OPEN = 1;
    private static final int HELLO = 8;
    private static final byte[] NOT_PROTOBUF = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private final TestNodes nodes;
    private final HostileLog log = HostileLog.record();

    HostileFramesTest() throws IOException {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
        log.close();
    }

    @Test
    void anOversizedFrameLengthIsAnsweredWithGoAwayFrameTooLargeAndTheConnectionIsClosed() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.connect(node);
        try (peer) {
            peer.sendRaw(0xFFFFFF, DATA, 0, 1, new byte[0]);

            Frame.GoAway goAway = peer.awaitGoAway();
            assertThat(goAway.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
            assertThat(goAway.message()).contains("16777215 bytes exceeds the maximum");
            peer.awaitClosed();
        }

        assertConnectionDropped(node, peer, ErrorCode.FRAME_TOO_LARGE);
        assertStillServes(nodes, node);
    }

    @Test
    void aFrameCutShortBeforeTheConnectionEndsIsAnsweredWithGoAwayMalformedFrame() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.connect(node);
        try (peer) {
            peer.sendRaw(100, DATA, 0, 1, new byte[10]);
            peer.shutdownOutput();

            Frame.GoAway goAway = peer.awaitGoAway();
            assertThat(goAway.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            assertThat(goAway.message()).contains("truncated frame").contains("10 of 100");
            peer.awaitClosed();
        }

        assertConnectionDropped(node, peer, ErrorCode.MALFORMED_FRAME);
        assertStillServes(nodes, node);
    }

    @Test
    void aPeerThatVanishesInsideAFrameIsDroppedAndTheNodeKeepsServing() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.connect(node);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.peers().size() == 1);

        peer.sendRaw(100, DATA, 0, 1, new byte[10]);
        peer.close();

        assertConnectionDropped(node, peer, ErrorCode.MALFORMED_FRAME);
        assertStillServes(nodes, node);
    }

    @Test
    void anOpenWithAMalformedPayloadResetsThatStreamAndTheConnectionStaysUp() throws IOException {
        Node node = nodes.start("target");
        try (HostilePeer peer = HostilePeer.connect(node)) {
            peer.sendRaw(NOT_PROTOBUF.length, OPEN, 0, 1, NOT_PROTOBUF);

            Frame.Reset reset = peer.awaitReset(1);
            assertThat(reset.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            assertThat(reset.message()).contains("OPEN payload is not a valid protobuf message");
            peer.assertPingStreamWorks(3);
            assertThat(node.peers()).extracting(PeerInfo::id).contains(peer.peerId());
            assertLoggedOnce(peer, ErrorCode.MALFORMED_FRAME);
        }
        assertStillServes(nodes, node);
    }

    @Test
    void aMalformedHelloIsAnsweredWithGoAwayMalformedFrame() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.dial(node);
        try (peer) {
            peer.readHello();
            peer.sendRaw(NOT_PROTOBUF.length, HELLO, 0, 0, NOT_PROTOBUF);

            Frame.GoAway goAway = peer.awaitGoAway();
            assertThat(goAway.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            assertThat(goAway.message()).contains("HELLO payload is not a valid protobuf message");
            peer.awaitClosed();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines(
                                "Dropped inbound connection", peer.peerId().shortForm()))
                        .singleElement()
                        .asString()
                        .contains("HELLO payload is not a valid protobuf message"));
        assertThat(node.peers()).isEmpty();
        assertStillServes(nodes, node);
    }

    @Test
    void anOversizedFirstFrameIsAnsweredWithGoAwayFrameTooLargeBeforeAnySessionExists() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.dial(node);
        try (peer) {
            peer.readHello();
            peer.sendRaw(0xFFFFFF, HELLO, 0, 0, new byte[0]);

            assertThat(peer.awaitGoAway().code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
            peer.awaitClosed();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines(
                                "Dropped inbound connection", peer.peerId().shortForm()))
                        .singleElement()
                        .asString()
                        .contains("exceeds the maximum"));
        assertThat(node.peers()).isEmpty();
        assertStillServes(nodes, node);
    }

    @Test
    void anUnknownFrameTypeOnTheConnectionIsAnsweredWithGoAwayUnknownFrameType() throws IOException {
        Node node = nodes.start("target");
        HostilePeer peer = HostilePeer.connect(node);
        try (peer) {
            peer.sendRaw(0, 0x42, 0, 0, new byte[0]);

            Frame.GoAway goAway = peer.awaitGoAway();
            assertThat(goAway.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME_TYPE);
            assertThat(goAway.message()).contains("unknown frame type 66");
            peer.awaitClosed();
        }

        assertConnectionDropped(node, peer, ErrorCode.UNKNOWN_FRAME_TYPE);
        assertStillServes(nodes, node);
    }

    @Test
    void aStreamForAnUnknownProtocolIsResetAndALaterPingStreamWorks() throws IOException {
        Node node = nodes.start("target");
        try (HostilePeer peer = HostilePeer.connect(node)) {
            peer.send(new Frame.Open(1, "/nope/1"));

            Frame.Reset reset = peer.awaitReset(1);
            assertThat(reset.code()).isEqualTo(ErrorCode.UNKNOWN_PROTOCOL);
            assertThat(reset.message()).contains("/nope/1");
            peer.assertPingStreamWorks(3);
            assertThat(log.lines("Refused a /nope/1 stream", peer.peerId().shortForm()))
                    .hasSize(1);
        }
        assertStillServes(nodes, node);
    }

    @Test
    void openingAnUnknownProtocolThroughTheApiFailsWithUnknownProtocolAndPingStillWorks() throws IOException {
        Node node = nodes.start("target");
        Node alpha = nodes.start("alpha");
        alpha.connect(TestNodes.addressOf(node), Optional.of(node.id()));

        assertThatThrownBy(() -> alpha.openStream(node.id(), "/nope/1"))
                .isInstanceOfSatisfying(
                        SessionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PROTOCOL))
                .hasMessageContaining("/nope/1");
        assertThat(alpha.ping(node.id())).isPositive();
        assertStillServes(nodes, node);
    }

    @Test
    void dataBeyondTheGrantedWindowResetsThatStreamWithFlowControlErrorAndTheConnectionStaysUp() throws IOException {
        Node node = nodes.start("target", b -> b.initialWindow(64 * 1024));
        try (HostilePeer peer = HostilePeer.dial(node)) {
            int window = peer.hello().initialWindow();
            assertThat(window).isEqualTo(64 * 1024);
            peer.send(new Frame.Open(1, PingProtocol.NAME));
            peer.awaitAccept(1);

            // The ping handler reads (returning window) only until its echo fills the window this peer
            // granted and never refills, so four windows' worth is certain to overrun.
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < 4 * window; sent += chunk.length) {
                peer.send(new Frame.Data(1, false, chunk));
            }

            Frame.Reset reset = peer.awaitReset(1);
            assertThat(reset.code()).isEqualTo(ErrorCode.FLOW_CONTROL_ERROR);
            peer.assertPingStreamWorks(3);
            assertThat(peer.received())
                    .as("the stream is reset once, not again when its handler notices")
                    .filteredOn(f -> f instanceof Frame.Reset r && r.streamId() == 1)
                    .hasSize(1);
            assertThat(node.peers()).extracting(PeerInfo::id).contains(peer.peerId());
            assertLoggedOnce(peer, ErrorCode.FLOW_CONTROL_ERROR);
        }
        assertStillServes(nodes, node);
    }

    /** The node closed the hostile connection, forgot the peer, and said why in one log line. */
    private void assertConnectionDropped(Node node, HostilePeer peer, ErrorCode code) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(node.peers()).extracting(PeerInfo::id).doesNotContain(peer.peerId()));
        assertLoggedOnce(peer, code);
    }

    private void assertLoggedOnce(HostilePeer peer, ErrorCode code) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.lines(peer.peerId().shortForm(), "[" + code + "]"))
                        .hasSize(1));
    }
}
