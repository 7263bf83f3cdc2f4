package dev.peernet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the codec over generated frames: whatever the frames and however the bytes are
 * split, the reader gives back exactly what was encoded; and no input at all makes it fail other than
 * with a {@link FrameException}.
 */
class FrameCodecPropertyTest {
    @Property(tries = 500)
    void anySequenceOfFramesSurvivesEncodingAndRandomSplits(
            @ForAll("frameSequences") List<Frame> frames, @ForAll long splitSeed) throws IOException {
        byte[] encoded = Frames.encodeAll(frames);

        assertThat(Frames.readAll(ShortReadInputStream.randomSplits(encoded, splitSeed)))
                .isEqualTo(frames);
    }

    @Property(tries = 300)
    void anyFrameSurvivesBeingFedOneByteAtATime(@ForAll("frames") Frame frame) throws IOException {
        assertThat(Frames.readAll(ShortReadInputStream.oneByteAtATime(FrameCodec.encode(frame))))
                .containsExactly(frame);
    }

    @Property(tries = 1000)
    void anyBytesDecodeToFramesOrAFrameExceptionAndNothingElse(@ForAll("hostileBytes") byte[] bytes) {
        var reader = new FrameReader(new ByteArrayInputStream(bytes), 1024);
        try {
            while (reader.read() != null) {
                // keep reading until the clean end
            }
        } catch (FrameException e) {
            assertThat(e.code()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("expected frames or a FrameException, got " + e, e);
        }
    }

    @Provide
    Arbitrary<List<Frame>> frameSequences() {
        return frames().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Arbitraries.oneOf(
                data(),
                Combinators.combine(streamIds(), protocols()).as(Frame.Open::new),
                streamIds().map(Frame.Accept::new),
                Combinators.combine(streamIds(), errorCodes(), text(80)).as(Frame.Reset::new),
                Combinators.combine(streamIds(), Arbitraries.integers().greaterOrEqual(1))
                        .as(Frame.WindowUpdate::new),
                Arbitraries.longs().map(Frame.Ping::new),
                Arbitraries.longs().map(Frame.Pong::new),
                Combinators.combine(errorCodes(), text(80)).as(Frame.GoAway::new),
                hello(),
                unknown());
    }

    /** Valid encodings with a few bytes overwritten, plus plain noise. */
    @Provide
    Arbitrary<byte[]> hostileBytes() {
        Arbitrary<byte[]> mutated = Combinators.combine(
                        frameSequences(), Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes())
                .as((frames, where, value) -> {
                    byte[] b = Frames.encodeAll(frames);
                    if (b.length > 0) {
                        b[where % b.length] = value;
                    }
                    return b;
                });
        return Arbitraries.oneOf(mutated, payload(300));
    }

    private static Arbitrary<Frame> data() {
        return Combinators.combine(streamIds(), Arbitraries.of(true, false), payload(2000))
                .as(Frame.Data::new);
    }

    private static Arbitrary<Frame> hello() {
        return Combinators.combine(
                        Arbitraries.integers(),
                        Arbitraries.integers(),
                        text(40),
                        text(30).list().ofMaxSize(4),
                        text(20).list().ofMaxSize(4),
                        Arbitraries.integers(),
                        Arbitraries.integers())
                .as(Frame.Hello::new);
    }

    private static Arbitrary<Frame> unknown() {
        return Combinators.combine(
                        Arbitraries.integers().between(FrameType.values().length, 255),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        payload(200))
                .as(Frame.Unknown::new);
    }

    private static Arbitrary<Integer> streamIds() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE);
    }

    private static Arbitrary<ErrorCode> errorCodes() {
        return Arbitraries.of(ErrorCode.class);
    }

    private static Arbitrary<byte[]> payload(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    /** Valid names: a slash, then at most 127 code points, so never more than 255 UTF-16 chars. */
    private static Arbitrary<String> protocols() {
        return text(127).map(s -> "/" + s);
    }

    /**
     * Strings of whole code points, ASCII or any plane. Protobuf strings are UTF-8, so a Java string
     * with an unpaired surrogate cannot survive the wire; the codec never makes one.
     */
    private static Arbitrary<String> text(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7f),
                Arbitraries.integers().between(0, 0x10ffff).filter(cp -> cp < 0xd800 || cp > 0xdfff));
        return codePoint
                .list()
                .ofMaxSize(maxCodePoints)
                .map(cps -> cps.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
    }
}
