package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.share.proto.ChunkHeader;
import dev.peernet.share.proto.Entry;
import dev.peernet.share.proto.EntryPage;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.wire.ShortReadInputStream;
import dev.peernet.wire.StreamMessages.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The framing of /peernet/share/1 without a socket: whole, one byte at a time, and in random splits. */
class ShareWireTest {
    private static final List<ShareResponse> MESSAGES = List.of(
            ShareResponse.newBuilder()
                    .setEntries(EntryPage.newBuilder()
                            .addEntries(Entry.newBuilder()
                                    .setPath("a/b.txt")
                                    .setType(Entry.Type.FILE)
                                    .setSize(3))
                            .setLast(true))
                    .build(),
            ShareResponse.getDefaultInstance(), // zero bytes long
            ShareResponse.newBuilder()
                    .setEntries(EntryPage.newBuilder()
                            .addEntries(Entry.newBuilder().setPath("x".repeat(300)))) // a two-byte length
                    .build());

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("whole", (Function<byte[], InputStream>) ByteArrayInputStream::new),
                Arguments.of(
                        "one byte at a time", (Function<byte[], InputStream>) ShortReadInputStream::oneByteAtATime),
                Arguments.of("random splits", (Function<byte[], InputStream>)
                        b -> ShortReadInputStream.randomSplits(b, 42)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void framedMessagesReadBackInOrderThenTheEndIsClean(String how, Function<byte[], InputStream> feed)
            throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (ShareResponse m : MESSAGES) {
            ShareWire.write(bytes, m);
        }
        InputStream in = feed.apply(bytes.toByteArray());

        List<ShareResponse> read = new ArrayList<>();
        byte[] frame;
        while ((frame = ShareWire.readFrame(in, 1000, "an answer")) != null) {
            read.add(ShareResponse.parseFrom(frame));
        }
        assertThat(read).isEqualTo(MESSAGES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void aChunkHeaderIsFramedInTheRoomBeforeItsBytesSoBothGoOutAsOneWrite(
            String how, Function<byte[], InputStream> feed) throws IOException {
        byte[] buffer = new byte[ShareWire.CHUNK_HEADER_ROOM + 5];
        byte[] chunk = {1, 2, 3, 4, 5};
        System.arraycopy(chunk, 0, buffer, ShareWire.CHUNK_HEADER_ROOM, chunk.length);
        // the largest header there is: both fields five-byte varints
        ShareResponse header = ShareResponse.newBuilder()
                .setChunk(ChunkHeader.newBuilder().setIndex(-1).setLength(-1))
                .build();

        int start = ShareWire.frameBefore(header, buffer, ShareWire.CHUNK_HEADER_ROOM);
        InputStream in = feed.apply(Arrays.copyOfRange(buffer, start, buffer.length));

        assertThat(ShareResponse.parseFrom(ShareWire.readFrame(in, 100, "a chunk header")))
                .isEqualTo(header);
        assertThat(in.readAllBytes()).isEqualTo(chunk);
    }

    @Test
    void aLengthAboveTheLimitIsRefusedBeforeAnythingIsRead() {
        byte[] hostile = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // 2 GiB − 1, then nothing
        assertThatThrownBy(() -> ShareWire.readFrame(new ByteArrayInputStream(hostile), 16384, "a share request"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("a share request of 2147483647 bytes exceeds the limit of 16384 bytes");
    }

    @Test
    void aMalformedLengthIsAProtocolError() {
        byte[] tooLong = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> ShareWire.readFrame(new ByteArrayInputStream(tooLong), 100, "a share request"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("the length of a share request is malformed");
    }

    @Test
    void aStreamEndingInsideAMessageIsAnEndOfFile() {
        byte[] cut = {5, 1, 2};
        assertThatThrownBy(() -> ShareWire.readFrame(new ByteArrayInputStream(cut), 100, "an answer"))
                .isInstanceOf(EOFException.class)
                .hasMessage("the stream ended inside an answer");
    }
}
