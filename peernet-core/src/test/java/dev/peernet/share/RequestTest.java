package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.Find;
import dev.peernet.share.proto.GetFileInfo;
import dev.peernet.share.proto.ListDir;
import dev.peernet.share.proto.ListShares;
import dev.peernet.share.proto.ReadChunk;
import dev.peernet.share.proto.ShareRequest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding requests into what the server serves, with their paths checked, socket-free. */
class RequestTest {
    private static final byte[] HASH = new byte[32];

    @Test
    void everyKindOfRequestDecodesWithItsFields() {
        assertThat(parse(ShareRequest.newBuilder().setListShares(ListShares.getDefaultInstance())))
                .isEqualTo(new Request.ListShares());
        assertThat(parse(ShareRequest.newBuilder()
                        .setListDir(ListDir.newBuilder()
                                .setShare("music")
                                .setPath("a/b")
                                .setRecursive(true))))
                .isEqualTo(new Request.ListDir("music", "a/b", true));
        assertThat(parse(ShareRequest.newBuilder()
                        .setFind(Find.newBuilder()
                                .setPattern("*.mp3")
                                .setFileHash(ByteString.copyFrom(HASH))
                                .setLimit(7))))
                .isEqualTo(new Request.Find("*.mp3", Optional.of(new Hash(HASH)), 7));
        assertThat(parse(ShareRequest.newBuilder()
                        .setFileInfo(GetFileInfo.newBuilder().setShare("s").setPath("f"))))
                .isEqualTo(new Request.FileInfo("s", "f"));
        assertThat(parse(ShareRequest.newBuilder()
                        .setReadChunk(ReadChunk.newBuilder()
                                .setShare("s")
                                .setPath("f")
                                .setFileHash(ByteString.copyFrom(HASH))
                                .setIndex(-1)))) // uint32 4 294 967 295
                .isEqualTo(new Request.ReadChunk("s", "f", new Hash(HASH), 4_294_967_295L));
    }

    @Test
    void aSearchLimitOfZeroOrAboveTheServersIsTheServersThousand() {
        assertThat(parse(ShareRequest.newBuilder().setFind(Find.newBuilder().setLimit(0))))
                .isEqualTo(new Request.Find("", Optional.empty(), 1000));
        assertThat(parse(ShareRequest.newBuilder().setFind(Find.newBuilder().setLimit(5000))))
                .isEqualTo(new Request.Find("", Optional.empty(), 1000));
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of(
                        ShareRequest.newBuilder()
                                .setListDir(ListDir.newBuilder().setShare("s").setPath("../x")),
                        Error.Code.BAD_PATH,
                        "The path '../x' has a '..' name, which would leave its place in the share."),
                Arguments.of(
                        ShareRequest.newBuilder()
                                .setFileInfo(GetFileInfo.newBuilder().setShare("s")),
                        Error.Code.BAD_PATH,
                        "An empty path names the share itself, not a file in it."),
                Arguments.of(
                        ShareRequest.newBuilder()
                                .setReadChunk(ReadChunk.newBuilder()
                                        .setShare("s")
                                        .setPath("/etc/shadow")
                                        .setFileHash(ByteString.copyFrom(HASH))),
                        Error.Code.BAD_PATH,
                        "The path '/etc/shadow' is absolute; paths in a share are relative to it."),
                Arguments.of(
                        ShareRequest.newBuilder()
                                .setReadChunk(
                                        ReadChunk.newBuilder().setShare("s").setPath("f")),
                        Error.Code.BAD_REQUEST,
                        "A file hash is 32 bytes (SHA-256)."),
                Arguments.of(
                        ShareRequest.newBuilder()
                                .setFind(Find.newBuilder().setFileHash(ByteString.copyFrom(new byte[31]))),
                        Error.Code.BAD_REQUEST,
                        "A file hash is 32 bytes (SHA-256)."),
                Arguments.of(
                        ShareRequest.newBuilder().setFind(Find.newBuilder().setPattern("*".repeat(257))),
                        Error.Code.BAD_REQUEST,
                        "A search pattern may be at most 256 bytes long."),
                Arguments.of(
                        ShareRequest.newBuilder(),
                        Error.Code.BAD_REQUEST,
                        "The request is of a kind this node does not know."));
    }

    @ParameterizedTest
    @MethodSource("refusedRequests")
    void aRequestThatCannotBeServedIsRefusedWithItsCodeAndSentence(
            ShareRequest.Builder request, Error.Code code, String sentence) {
        assertThat(parse(request)).isEqualTo(new Request.Refused(code, sentence));
    }

    /** ListDir { path (field 2) = C0 AF }: an overlong '/' in UTF-8, the classic path-traversal trick. */
    private static final byte[] INVALID_UTF8_PATH = {0x12, 0x06, 0x0a, 0x00, 0x12, 0x02, (byte) 0xC0, (byte) 0xAF};

    @Test
    void protobufRefusesInvalidUtf8InAProto3StringSoNoneReachesThePathRules() {
        assertThatThrownBy(() -> ShareRequest.parseFrom(INVALID_UTF8_PATH))
                .isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("invalid UTF-8");
        assertThat(Request.parse(INVALID_UTF8_PATH))
                .isEqualTo(new Request.Refused(
                        Error.Code.BAD_REQUEST, "The request is malformed: Protocol message had invalid UTF-8."));
    }

    @Test
    void theSameBytesWithValidUtf8AreAListing() {
        byte[] valid = INVALID_UTF8_PATH.clone();
        valid[6] = 'a';
        valid[7] = 'b';
        assertThat(Request.parse(valid)).isEqualTo(new Request.ListDir("", "ab", false));
    }

    @Test
    void bytesThatAreNotProtobufAreARefusalNotAnException() {
        assertThat(Request.parse(new byte[] {(byte) 0xff, (byte) 0xff}))
                .isInstanceOfSatisfying(
                        Request.Refused.class, r -> assertThat(r.code()).isEqualTo(Error.Code.BAD_REQUEST));
    }

    private static Request parse(ShareRequest.Builder request) {
        return Request.parse(request.build().toByteArray());
    }
}
