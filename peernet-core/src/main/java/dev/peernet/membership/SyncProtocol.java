package dev.peernet.membership;

import com.google.protobuf.ByteString;
import dev.peernet.membership.proto.SignedRecord;
import dev.peernet.membership.proto.SyncOffer;
import dev.peernet.membership.proto.SyncRecords;
import dev.peernet.membership.proto.SyncReply;
import dev.peernet.session.Stream;
import dev.peernet.wire.StreamMessages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value Membership#SYNC_PROTOCOL}: two members exchange the hashes of the records they hold and
 * then the records the other lacks, so both end with the union. Run whenever two members connect
 * and whenever one of them learns something new, it lets a member that was away catch up, and a
 * change spread to every member that is connected to someone who has it.
 */
final class SyncProtocol {
    private static final Logger log = LoggerFactory.getLogger(SyncProtocol.class);
    static final int MAX_MESSAGE_BYTES = 8 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Membership membership;

    SyncProtocol(Membership membership) {
        this.membership = membership;
    }

    /** The opener's side; returns whether this node learned something. */
    boolean sync(Stream stream) throws IOException {
        var offer = SyncOffer.newBuilder();
        membership.roster().hashes().forEach(h -> offer.addHashes(ByteString.copyFrom(HEX.parseHex(h))));
        StreamMessages.write(stream.output(), offer.build());
        SyncReply reply = StreamMessages.read(stream.input(), SyncReply.parser(), MAX_MESSAGE_BYTES, "a sync reply");
        Set<String> wanted = new HashSet<>();
        reply.getWantList().forEach(h -> wanted.add(HEX.formatHex(h.toByteArray())));
        var records = SyncRecords.newBuilder();
        for (MembershipRecord r : membership.roster().records()) {
            if (wanted.contains(r.hash())) {
                records.addRecords(JoinProtocol.signed(r));
            }
        }
        StreamMessages.write(stream.output(), records.build());
        stream.output().close();
        return merge(reply.getRecordsList(), stream);
    }

    /** The other side. */
    void serve(Stream stream) throws IOException {
        SyncOffer offer = StreamMessages.read(stream.input(), SyncOffer.parser(), MAX_MESSAGE_BYTES, "a sync offer");
        List<String> theirs = new ArrayList<>();
        offer.getHashesList().forEach(h -> theirs.add(HEX.formatHex(h.toByteArray())));
        var reply = SyncReply.newBuilder();
        membership.missingFrom(new HashSet<>(theirs)).forEach(r -> reply.addRecords(JoinProtocol.signed(r)));
        membership.unknownAmong(theirs).forEach(h -> reply.addWant(ByteString.copyFrom(HEX.parseHex(h))));
        StreamMessages.write(stream.output(), reply.build());
        SyncRecords records =
                StreamMessages.read(stream.input(), SyncRecords.parser(), MAX_MESSAGE_BYTES, "sync records");
        merge(records.getRecordsList(), stream);
        stream.output().close();
    }

    private boolean merge(List<SignedRecord> received, Stream stream) throws IOException {
        List<MembershipRecord> records = new ArrayList<>();
        for (SignedRecord s : received) {
            try {
                records.add(Records.decode(s.toByteArray()));
            } catch (MembershipException e) {
                log.warn(
                        "Dropped a membership record from {}: {}",
                        stream.remotePeer().shortForm(),
                        e.getMessage());
            }
        }
        return membership.merge(records);
    }
}
