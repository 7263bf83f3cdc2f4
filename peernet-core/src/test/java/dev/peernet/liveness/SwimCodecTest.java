package dev.peernet.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.liveness.proto.SwimEnvelope;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The byte form of every liveness message, and every way bytes can fail to be one. */
class SwimCodecTest {
    private static final PeerId A = id(1);
    private static final PeerId B = id(2);

    static PeerId id(int seed) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        Arrays.fill(key, (byte) seed);
        return PeerId.ofKeyBytes(key);
    }

    private static final List<MemberUpdate> UPDATES = List.of(
            new MemberUpdate(
                    A, MemberState.ALIVE, 7, List.of("10.0.0.1:7707", "[::1]:7707"), "peernet/0.1.0", Optional.empty()),
            new MemberUpdate(B, MemberState.SUSPECT, 3, List.of(), "", Optional.of(A)),
            new MemberUpdate(B, MemberState.DEAD, Long.MAX_VALUE, List.of("b:1"), "2", Optional.empty()),
            new MemberUpdate(A, MemberState.LEFT, 0, List.of(), "v", Optional.empty()));

    static Stream<Named<SwimMessage>> messages() {
        return Stream.of(
                Named.of("Ping", new SwimMessage.Ping(1, UPDATES)),
                Named.of("Ping without updates", new SwimMessage.Ping(Long.MAX_VALUE, List.of())),
                Named.of("PingReq", new SwimMessage.PingReq(42, B, UPDATES)),
                Named.of("Ack", new SwimMessage.Ack(42, UPDATES)),
                Named.of("Nack", new SwimMessage.Nack(9)),
                Named.of("Gossip", new SwimMessage.Gossip(UPDATES)),
                Named.of("Sync", new SwimMessage.Sync(false, UPDATES)),
                Named.of("Sync reply", new SwimMessage.Sync(true, UPDATES)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageDecodesToWhatWasEncoded(SwimMessage m) throws Exception {
        assertThat(SwimCodec.decode(SwimCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void aBodyFromANewerVersionArrivesAsUnknown() throws Exception {
        SwimEnvelope future = SwimEnvelope.newBuilder()
                .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                        .addField(
                                15,
                                com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFromUtf8("x"))
                                        .build())
                        .build())
                .build();

        assertThat(SwimCodec.decode(future.toByteArray())).isEqualTo(new SwimMessage.Unknown(15));
    }

    @Test
    void anUnknownMessageIsNeverSent() {
        assertThatThrownBy(() -> SwimCodec.encode(new SwimMessage.Unknown(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("received, never sent");
    }

    @SuppressWarnings("ArrayRecordComponent") // rows are read, never compared
    record Malformed(byte[] bytes, String message) {}

    static Stream<Named<Malformed>> malformed() {
        byte[] ping = SwimCodec.encode(new SwimMessage.Ping(1, UPDATES.subList(0, 1)));
        return Stream.of(
                row("not protobuf", new byte[] {0x0a, 0x05, 0x61}, "liveness message is not a valid protobuf message"),
                row("no body at all", new byte[0], "liveness message has no body"),
                row("a cut-short message", Arrays.copyOf(ping, ping.length - 3), "not a valid protobuf message"),
                row(
                        "a member ID of 5 bytes",
                        envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                                .setId(ByteString.copyFrom(new byte[5]))
                                .setStateValue(1)),
                        "member ID has 5 bytes, not 32"),
                row(
                        "a member update with no state",
                        envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                                .setId(ByteString.copyFrom(A.keyBytes()))),
                        "member update has state 0, not one of 1 to 4"),
                row(
                        "a member state from the future",
                        envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                                .setId(ByteString.copyFrom(A.keyBytes()))
                                .setStateValue(9)),
                        "member update has state 9, not one of 1 to 4"),
                row(
                        "an accuser of 31 bytes",
                        envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                                .setId(ByteString.copyFrom(A.keyBytes()))
                                .setStateValue(2)
                                .setAccuser(ByteString.copyFrom(new byte[31]))),
                        "accuser has 31 bytes, not 32"),
                row(
                        "an incarnation above 2^63 - 1",
                        envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                                .setId(ByteString.copyFrom(A.keyBytes()))
                                .setStateValue(1)
                                .setIncarnation(-1)),
                        "incarnation above 2^63 - 1"),
                row(
                        "a PingReq without a target",
                        SwimEnvelope.newBuilder()
                                .setPingReq(dev.peernet.liveness.proto.PingReq.newBuilder()
                                        .setSeq(1))
                                .build()
                                .toByteArray(),
                        "PingReq target has 0 bytes, not 32"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedBytesGiveAClearException(Malformed row) {
        assertThatThrownBy(() -> SwimCodec.decode(row.bytes()))
                .isInstanceOf(MalformedSwimMessageException.class)
                .hasMessageContaining(row.message());
    }

    private static byte[] envelopeWithUpdate(dev.peernet.liveness.proto.MemberUpdate.Builder update) {
        return SwimEnvelope.newBuilder()
                .setGossip(dev.peernet.liveness.proto.Gossip.newBuilder().addUpdates(update))
                .build()
                .toByteArray();
    }

    private static Named<Malformed> row(String name, byte[] bytes, String message) {
        return Named.of(name, new Malformed(bytes, message));
    }
}
