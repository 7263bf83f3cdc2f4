package dev.peernet.liveness;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.peernet.identity.PeerId;
import dev.peernet.liveness.proto.SwimEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Byte form of {@link SwimMessage}s: one {@code SwimEnvelope} of {@code swim.proto} per message. */
public final class SwimCodec {
    private SwimCodec() {}

    public static byte[] encode(SwimMessage message) {
        SwimEnvelope.Builder b = SwimEnvelope.newBuilder();
        switch (message) {
            case SwimMessage.Ping p ->
                b.setPing(dev.peernet.liveness.proto.Ping.newBuilder()
                        .setSeq(p.seq())
                        .addAllUpdates(toProto(p.updates())));
            case SwimMessage.PingReq r ->
                b.setPingReq(dev.peernet.liveness.proto.PingReq.newBuilder()
                        .setSeq(r.seq())
                        .setTarget(key(r.target()))
                        .addAllUpdates(toProto(r.updates())));
            case SwimMessage.Ack a ->
                b.setAck(dev.peernet.liveness.proto.Ack.newBuilder()
                        .setSeq(a.seq())
                        .addAllUpdates(toProto(a.updates())));
            case SwimMessage.Nack n ->
                b.setNack(dev.peernet.liveness.proto.Nack.newBuilder().setSeq(n.seq()));
            case SwimMessage.Gossip g ->
                b.setGossip(dev.peernet.liveness.proto.Gossip.newBuilder().addAllUpdates(toProto(g.updates())));
            case SwimMessage.Sync s ->
                b.setSync(dev.peernet.liveness.proto.Sync.newBuilder()
                        .setReply(s.reply())
                        .addAllMembers(toProto(s.members())));
            case SwimMessage.Unknown u ->
                throw new IllegalArgumentException(
                        "an Unknown message (kind " + u.kind() + ") is received, never sent");
        }
        return b.build().toByteArray();
    }

    /**
     * Decodes one message. A body this build does not know gives {@link SwimMessage.Unknown}.
     *
     * @throws MalformedSwimMessageException with one sentence saying what is wrong
     */
    public static SwimMessage decode(byte[] bytes) throws MalformedSwimMessageException {
        SwimEnvelope e;
        try {
            e = SwimEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            throw new MalformedSwimMessageException("liveness message is not a valid protobuf message", ex);
        }
        return switch (e.getBodyCase()) {
            case PING ->
                new SwimMessage.Ping(e.getPing().getSeq(), updates(e.getPing().getUpdatesList()));
            case PING_REQ ->
                new SwimMessage.PingReq(
                        e.getPingReq().getSeq(),
                        peerId(e.getPingReq().getTarget(), "PingReq target"),
                        updates(e.getPingReq().getUpdatesList()));
            case ACK ->
                new SwimMessage.Ack(e.getAck().getSeq(), updates(e.getAck().getUpdatesList()));
            case NACK -> new SwimMessage.Nack(e.getNack().getSeq());
            case GOSSIP -> new SwimMessage.Gossip(updates(e.getGossip().getUpdatesList()));
            case SYNC ->
                new SwimMessage.Sync(e.getSync().getReply(), updates(e.getSync().getMembersList()));
            case BODY_NOT_SET -> unknown(e);
        };
    }

    private static SwimMessage unknown(SwimEnvelope e) throws MalformedSwimMessageException {
        var fields = e.getUnknownFields().asMap();
        if (fields.isEmpty()) {
            throw new MalformedSwimMessageException("liveness message has no body");
        }
        return new SwimMessage.Unknown(fields.keySet().iterator().next());
    }

    private static List<dev.peernet.liveness.proto.MemberUpdate> toProto(List<MemberUpdate> updates) {
        List<dev.peernet.liveness.proto.MemberUpdate> out = new ArrayList<>(updates.size());
        for (MemberUpdate u : updates) {
            var b = dev.peernet.liveness.proto.MemberUpdate.newBuilder()
                    .setId(key(u.id()))
                    .setStateValue(u.state().wireCode)
                    .setIncarnation(u.incarnation())
                    .addAllAddresses(u.addresses())
                    .setVersion(u.version());
            u.accuser().ifPresent(a -> b.setAccuser(key(a)));
            out.add(b.build());
        }
        return out;
    }

    private static List<MemberUpdate> updates(List<dev.peernet.liveness.proto.MemberUpdate> updates)
            throws MalformedSwimMessageException {
        List<MemberUpdate> out = new ArrayList<>(updates.size());
        for (var u : updates) {
            MemberState state = MemberState.ofWireCode(u.getStateValue())
                    .orElseThrow(() -> new MalformedSwimMessageException(
                            "member update has state " + u.getStateValue() + ", not one of 1 to 4"));
            if (u.getIncarnation() < 0) {
                throw new MalformedSwimMessageException("member update has an incarnation above 2^63 - 1");
            }
            Optional<PeerId> accuser =
                    u.getAccuser().isEmpty() ? Optional.empty() : Optional.of(peerId(u.getAccuser(), "accuser"));
            out.add(new MemberUpdate(
                    peerId(u.getId(), "member ID"),
                    state,
                    u.getIncarnation(),
                    u.getAddressesList(),
                    u.getVersion(),
                    accuser));
        }
        return out;
    }

    private static ByteString key(PeerId id) {
        return ByteString.copyFrom(id.keyBytes());
    }

    private static PeerId peerId(ByteString bytes, String what) throws MalformedSwimMessageException {
        if (bytes.size() != PeerId.KEY_BYTES) {
            throw new MalformedSwimMessageException(what + " has " + bytes.size() + " bytes, not " + PeerId.KEY_BYTES);
        }
        return PeerId.ofKeyBytes(bytes.toByteArray());
    }
}
