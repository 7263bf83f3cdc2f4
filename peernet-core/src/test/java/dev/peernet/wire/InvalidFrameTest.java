package dev.peernet.wire;

import static dev.peernet.wire.Frames.header;
import static dev.peernet.wire.Frames.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a frame can break the protocol, each with the exact error it must produce: the code, the
 * scope (stream ID, 0 for the whole connection) and a fragment of the sentence a user will read.
 */
@Timeout(60)
class InvalidFrameTest {
    /** The reader's maximum payload in this table; small so an oversized frame is cheap to build. */
    private static final int MAX = 1024;

    /** A truncated length-delimited field: tag 1, length 5, one byte. No protobuf parser accepts it. */
    private static final byte[] BAD_PROTOBUF = {0x0a, 0x05, 0x61};

    @SuppressWarnings("ArrayRecordComponent") // rows are read, never compared
    record Invalid(byte[] bytes, ErrorCode code, int streamId, String fragment) {}

    static Stream<Named<Invalid>> invalidInputs() {
        return Stream.of(
                row(
                        "a length above the maximum",
                        header(MAX + 1, FrameType.DATA.code, 0, 1),
                        ErrorCode.FRAME_TOO_LARGE,
                        0,
                        "frame of 1025 bytes exceeds the maximum of 1024 bytes"),
                row(
                        "a header cut short",
                        Arrays.copyOf(header(0, FrameType.PING.code, 0, 0), 5),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "ended inside a frame header"),
                row(
                        "a payload cut short",
                        concat(header(8, FrameType.PING.code, 0, 0), new byte[3]),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "ended after 3 of 8 payload bytes"),
                row(
                        "malformed protobuf in OPEN",
                        raw(FrameType.OPEN, 3, BAD_PROTOBUF),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "OPEN payload is not a valid protobuf message"),
                row(
                        "malformed protobuf in RESET",
                        raw(FrameType.RESET, 3, BAD_PROTOBUF),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "RESET payload is not a valid protobuf message"),
                row(
                        "malformed protobuf in GOAWAY",
                        raw(FrameType.GOAWAY, 0, BAD_PROTOBUF),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "GOAWAY payload is not a valid protobuf message"),
                row(
                        "malformed protobuf in HELLO",
                        raw(FrameType.HELLO, 0, BAD_PROTOBUF),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "HELLO payload is not a valid protobuf message"),
                row(
                        "a protocol name that is not UTF-8",
                        raw(FrameType.OPEN, 3, new byte[] {0x0a, 0x02, (byte) 0xc3, 0x28}),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "OPEN payload is not a valid protobuf message"),
                row(
                        "PING with 7 bytes",
                        raw(FrameType.PING, 0, new byte[7]),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "PING/PONG payload must be 8 bytes, not 7"),
                row(
                        "PONG with 9 bytes",
                        raw(FrameType.PONG, 0, new byte[9]),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "PING/PONG payload must be 8 bytes, not 9"),
                row(
                        "WINDOW_UPDATE with increment 0",
                        raw(FrameType.WINDOW_UPDATE, 3, new byte[4]),
                        ErrorCode.FLOW_CONTROL_ERROR,
                        3,
                        "WINDOW_UPDATE increment must be positive"),
                row(
                        "WINDOW_UPDATE with an increment of 2^31",
                        raw(FrameType.WINDOW_UPDATE, 3, new byte[] {(byte) 0x80, 0, 0, 0}),
                        ErrorCode.FLOW_CONTROL_ERROR,
                        3,
                        "WINDOW_UPDATE increment must be positive"),
                row(
                        "WINDOW_UPDATE with 3 bytes",
                        raw(FrameType.WINDOW_UPDATE, 3, new byte[3]),
                        ErrorCode.MALFORMED_FRAME,
                        0,
                        "WINDOW_UPDATE payload must be 4 bytes, not 3"),
                row(
                        "DATA on stream 0",
                        raw(FrameType.DATA, 0, new byte[1]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "DATA frame on stream 0"),
                row(
                        "OPEN on stream 0",
                        raw(FrameType.OPEN, 0, WireMessages.open("/p/1")),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "OPEN frame on stream 0"),
                row(
                        "ACCEPT on stream 0",
                        raw(FrameType.ACCEPT, 0, new byte[0]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "ACCEPT frame on stream 0"),
                row(
                        "RESET on stream 0",
                        raw(FrameType.RESET, 0, WireMessages.error(ErrorCode.CANCELLED, "x")),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "RESET frame on stream 0"),
                row(
                        "WINDOW_UPDATE on stream 0",
                        raw(FrameType.WINDOW_UPDATE, 0, new byte[] {0, 0, 0, 1}),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "WINDOW_UPDATE frame on stream 0"),
                row(
                        "PING on stream 5",
                        raw(FrameType.PING, 5, new byte[8]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "PING frame on stream 5"),
                row(
                        "PONG on stream 5",
                        raw(FrameType.PONG, 5, new byte[8]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "PONG frame on stream 5"),
                row(
                        "GOAWAY on stream 5",
                        raw(FrameType.GOAWAY, 5, WireMessages.error(ErrorCode.SHUTDOWN, "bye")),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "GOAWAY frame on stream 5"),
                row(
                        "HELLO on stream 5",
                        raw(FrameType.HELLO, 5, new byte[0]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "HELLO frame on stream 5"),
                row(
                        "a stream ID with the top bit set",
                        raw(FrameType.DATA, 0x8000_0001, new byte[1]),
                        ErrorCode.PROTOCOL_ERROR,
                        0,
                        "stream IDs must not use the top bit"),
                row(
                        "OPEN with a protocol not starting with '/'",
                        raw(FrameType.OPEN, 3, WireMessages.open("peernet/ping/1")),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "OPEN names no valid protocol (it must start with '/')"),
                row(
                        "OPEN with an empty protocol",
                        raw(FrameType.OPEN, 3, new byte[0]),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "OPEN names no valid protocol"),
                row(
                        "OPEN with a 257-character protocol",
                        raw(FrameType.OPEN, 3, WireMessages.open("/" + "p".repeat(256))),
                        ErrorCode.MALFORMED_FRAME,
                        3,
                        "OPEN names no valid protocol"));
    }

    private static Named<Invalid> row(String what, byte[] bytes, ErrorCode code, int streamId, String fragment) {
        return Named.of(what, new Invalid(bytes, code, streamId, fragment));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** The rows whose error leaves the connection usable. */
    static Stream<Named<Invalid>> streamScoped() {
        return invalidInputs().filter(n -> n.getPayload().streamId() != 0);
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void anInvalidFrameFailsWithItsExactCodeScopeAndSentence(Invalid row) {
        assertFails(new ByteArrayInputStream(row.bytes()), row);
        assertFails(ShortReadInputStream.oneByteAtATime(row.bytes()), row);
    }

    @ParameterizedTest
    @MethodSource("streamScoped")
    void aStreamScopedErrorConsumesItsWholeFrameSoTheNextFrameReadsCleanly(Invalid row) throws Exception {
        var next = new Frame.Ping(7);
        var reader = new FrameReader(new ByteArrayInputStream(concat(row.bytes(), FrameCodec.encode(next))), MAX);

        assertThatThrownBy(reader::read).isInstanceOf(FrameException.class);
        assertThat(reader.read()).isEqualTo(next);
    }

    private static void assertFails(InputStream in, Invalid row) {
        assertThatThrownBy(() -> new FrameReader(in, MAX).read()).isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.code()).isEqualTo(row.code());
            assertThat(e.streamId()).as("stream scope").isEqualTo(row.streamId());
            assertThat(e.isConnectionError()).isEqualTo(row.streamId() == 0);
            assertThat(e.getMessage()).contains(row.fragment());
        });
    }
}
