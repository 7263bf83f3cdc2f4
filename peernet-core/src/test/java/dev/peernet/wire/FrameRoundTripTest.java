package dev.peernet.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.wire.proto.Hello;
import dev.peernet.wire.proto.StreamOpen;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code decode(encode(f)).equals(f)} for every frame type, however the bytes arrive. */
@Timeout(60)
class FrameRoundTripTest {
    /** At least one frame of every type, with field values that catch sign and byte-order slips. */
    static List<Frame> oneOfEachType() {
        return List.of(
                new Frame.Data(3, false, "hello".getBytes(UTF_8)),
                new Frame.Data(0x7fff_ffff, true, new byte[0]),
                new Frame.Data(5, true, bytes(70_000)),
                new Frame.Open(1, "/peernet/ping/1"),
                new Frame.Accept(2),
                new Frame.Reset(7, ErrorCode.CANCELLED, "the reader closed the stream"),
                new Frame.WindowUpdate(9, 0x7fff_ffff),
                new Frame.Ping(0x0123_4567_89ab_cdefL),
                new Frame.Pong(-1L),
                new Frame.GoAway(ErrorCode.SHUTDOWN, "the node is shutting down — ünïcödé 🛑"),
                new Frame.Hello(
                        1,
                        1,
                        "alpha",
                        List.of("192.0.2.1:7707", "[2001:db8::1]:7707"),
                        List.of("mux/1"),
                        4 * 1024 * 1024,
                        256 * 1024),
                new Frame.Hello(-1, 0, "", List.of(), List.of(), 0, 0),
                new Frame.Unknown(200, 0xff, 11, new byte[] {1, 2, 3}));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static Frame readOne(InputStream in) throws IOException {
        var reader = new FrameReader(in, Frames.MAX_PAYLOAD);
        Frame frame = reader.read();
        assertThat(reader.read()).as("nothing after the frame").isNull();
        return frame;
    }

    @Test
    void theExamplesCoverEveryFrameType() {
        Set<Class<?>> covered = oneOfEachType().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(Frame.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void aFrameDecodesToItselfWhenFedWhole(Frame frame) throws IOException {
        assertThat(readOne(new ByteArrayInputStream(FrameCodec.encode(frame)))).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void aFrameDecodesToItselfWhenFedOneByteAtATime(Frame frame) throws IOException {
        assertThat(readOne(ShortReadInputStream.oneByteAtATime(FrameCodec.encode(frame))))
                .isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void aFrameDecodesToItselfWhenFedInRandomSplits(Frame frame) throws IOException {
        byte[] encoded = FrameCodec.encode(frame);
        for (long seed : LongStream.range(0, 20).toArray()) {
            assertThat(readOne(ShortReadInputStream.randomSplits(encoded, seed)))
                    .as("split with seed %d", seed)
                    .isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void reEncodingADecodedFrameGivesTheSameBytes(Frame frame) throws IOException {
        byte[] encoded = FrameCodec.encode(frame);

        assertThat(FrameCodec.encode(readOne(new ByteArrayInputStream(encoded))))
                .isEqualTo(encoded);
    }

    @Test
    void aStreamOfFramesReadsBackInOrderAndEndsCleanlyBetweenFrames() throws IOException {
        byte[] all = Frames.encodeAll(oneOfEachType());

        assertThat(Frames.readAll(new ByteArrayInputStream(all))).isEqualTo(oneOfEachType());
        assertThat(Frames.readAll(ShortReadInputStream.oneByteAtATime(all))).isEqualTo(oneOfEachType());
        assertThat(Frames.readAll(ShortReadInputStream.randomSplits(all, 42))).isEqualTo(oneOfEachType());
    }

    @Test
    void theHeaderIsLengthTypeFlagsAndStreamIdBigEndian() {
        byte[] encoded = FrameCodec.encode(new Frame.Data(0x0102_0304, true, new byte[] {(byte) 0xaa, (byte) 0xbb}));

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("000002" + "00" + "01" + "01020304" + "aabb");
    }

    @Test
    void aDataPayloadSliceIsFramedWithoutItsSurroundings() {
        byte[] src = "..payload..".getBytes(UTF_8);

        byte[] framed = FrameCodec.data(4, false, src, 2, 7);

        assertThat(framed).isEqualTo(FrameCodec.encode(new Frame.Data(4, false, "payload".getBytes(UTF_8))));
    }

    @Test
    void controlPayloadsAreTheProtobufMessagesOfTheSchema() throws Exception {
        byte[] open = FrameCodec.encode(new Frame.Open(1, "/peernet/ping/1"));
        byte[] reset = FrameCodec.encode(new Frame.Reset(3, ErrorCode.REFUSED, "too many"));
        byte[] hello = FrameCodec.encode(new Frame.Hello(1, 1, "n", List.of("a:1"), List.of("mux/1"), 65536, 1024));

        assertThat(StreamOpen.parseFrom(payload(open)).getProtocol()).isEqualTo("/peernet/ping/1");
        var error = dev.peernet.wire.proto.Error.parseFrom(payload(reset));
        assertThat(error.getCode()).isEqualTo(dev.peernet.wire.proto.ErrorCode.REFUSED);
        assertThat(error.getMessage()).isEqualTo("too many");
        var h = Hello.parseFrom(payload(hello));
        assertThat(h.getProtocolVersion()).isEqualTo(1);
        assertThat(h.getInitialWindow()).isEqualTo(65536);
        assertThat(h.getCapabilitiesList()).containsExactly("mux/1");
    }

    private static byte[] payload(byte[] frame) {
        return Arrays.copyOfRange(frame, FrameCodec.HEADER_BYTES, frame.length);
    }

    @Test
    void everyErrorCodeCrossesTheWireAsItself() throws IOException {
        for (ErrorCode code : ErrorCode.values()) {
            var reset = new Frame.Reset(1, code, code.name());
            var goAway = new Frame.GoAway(code, code.name());

            assertThat(readOne(new ByteArrayInputStream(FrameCodec.encode(reset))))
                    .isEqualTo(reset);
            assertThat(readOne(new ByteArrayInputStream(FrameCodec.encode(goAway))))
                    .isEqualTo(goAway);
        }
    }

    @Test
    void anErrorCodeThisBuildDoesNotKnowArrivesAsUnknownWithItsMessage() throws IOException {
        byte[] payload = dev.peernet.wire.proto.Error.newBuilder()
                .setCodeValue(99)
                .setMessage("from the future")
                .build()
                .toByteArray();

        Frame read = readOne(new ByteArrayInputStream(Frames.raw(FrameType.GOAWAY, 0, payload)));

        assertThat(read).isEqualTo(new Frame.GoAway(ErrorCode.UNKNOWN, "from the future"));
    }

    @Test
    void anUnknownFrameTypeIsDeliveredWithItsTypeFlagsStreamAndPayload() throws IOException {
        byte[] raw = Frames.raw(9, 0x80, 0, new byte[] {42});

        assertThat(readOne(new ByteArrayInputStream(raw))).isEqualTo(new Frame.Unknown(9, 0x80, 0, new byte[] {42}));
    }

    @Test
    void aFrameExactlyAsLargeAsTheMaximumIsAccepted() throws IOException {
        var frame = new Frame.Data(1, false, new byte[1024]);

        Frame read = new FrameReader(new ByteArrayInputStream(FrameCodec.encode(frame)), 1024).read();

        assertThat(read).isEqualTo(frame);
    }

    @Test
    void aProtocolNameOf256CharactersIsTheLongestAccepted() throws IOException {
        var open = new Frame.Open(1, "/" + "p".repeat(255));

        assertThat(readOne(new ByteArrayInputStream(FrameCodec.encode(open)))).isEqualTo(open);
    }
}
