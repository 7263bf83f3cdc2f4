package dev.peernet.membership;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.proto.JoinAccepted;
import dev.peernet.membership.proto.JoinRefusal;
import dev.peernet.membership.proto.JoinRefused;
import dev.peernet.membership.proto.JoinRequest;
import dev.peernet.membership.proto.JoinResponse;
import dev.peernet.membership.proto.SignedRecord;
import dev.peernet.session.Stream;
import dev.peernet.wire.StreamMessages;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value Membership#JOIN_PROTOCOL}: a newcomer proves it knows an invite's secret (or the network
 * passphrase), bound to this connection; the member admits it with a signed record and sends every
 * record of the network, with its own proof, so the newcomer knows it reached the real inviter.
 */
final class JoinProtocol {
    private static final Logger log = LoggerFactory.getLogger(JoinProtocol.class);
    static final int MAX_REQUEST_BYTES = 8 << 20;
    static final int MAX_RESPONSE_BYTES = 8 << 20;

    private final Membership membership;

    JoinProtocol(Membership membership) {
        this.membership = membership;
    }

    // ---- the member's side ----------------------------------------------------------------------

    void serve(Stream stream) throws IOException {
        JoinRequest request =
                StreamMessages.read(stream.input(), JoinRequest.parser(), MAX_REQUEST_BYTES, "a join request");
        JoinResponse response = answer(request, stream);
        StreamMessages.write(stream.output(), response);
        stream.output().close();
    }

    private JoinResponse answer(JoinRequest request, Stream stream) throws IOException {
        String host = stream.remoteHost();
        PeerId joiner = stream.remotePeer();
        String who = joiner.shortForm() + " (" + host + ")";
        if (membership.limiter().isBlocked(host)) {
            log.info("Refused to check a join request from {}: too many failed attempts.", who);
            return refused(
                    JoinRefusal.RATE_LIMITED,
                    "Too many failed join attempts from " + host + ". Wait a minute, then try again.");
        }
        if (!membership.roster().isMember(membership.self())) {
            return refused(JoinRefusal.INVALID_CODE, "This node was removed from its network; it cannot admit anyone.");
        }
        byte[] binding = stream.channelBinding();
        Checked checked = switch (request.getProofCase()) {
            case INVITE_PROOF -> checkInvite(request.getInviteProof().toByteArray(), binding, joiner);
            case PASSPHRASE_PROOF -> checkPassphrase(request, binding, joiner);
            case PROOF_NOT_SET -> checkAdmission(request.getAdmissionList(), joiner);
        };
        if (checked.refusal() != null) {
            JoinRefusal reason = checked.refusal().getRefused().getReason();
            if (reason == JoinRefusal.INVALID_CODE || reason == JoinRefusal.WRONG_PASSPHRASE) {
                membership.limiter().failed(host);
            }
            log.info(
                    "Refused a join request from {}: {}",
                    who,
                    checked.refusal().getRefused().getMessage());
            return checked.refusal();
        }
        Optional<byte[]> key = Optional.of(checked.key());
        if (!membership.roster().isMember(joiner)) {
            admit(joiner, request, key.get());
        }
        var accepted = JoinAccepted.newBuilder();
        if (key.get().length > 0) {
            byte[] proof = Proofs.prove(key.get(), Proofs.Side.MEMBER, binding, joiner, membership.self());
            accepted.setMemberProof(ByteString.copyFrom(proof));
        }
        for (MembershipRecord r : membership.roster().records()) {
            accepted.addRecords(signed(r));
        }
        return JoinResponse.newBuilder().setAccepted(accepted).build();
    }

    /** A proof checked: the key it proved, or the refusal to send. */
    private record Checked(
            @SuppressWarnings("ArrayRecordComponent") byte[] key, JoinResponse refusal) {
        static Checked ok(byte[] key) {
            return new Checked(key, null);
        }

        static Checked no(JoinResponse refusal) {
            return new Checked(null, refusal);
        }
    }

    private Checked checkInvite(byte[] proof, byte[] binding, PeerId joiner) throws IOException {
        var match = matchingInvite(proof, binding, joiner);
        if (match.isEmpty()) {
            return Checked.no(refused(
                    JoinRefusal.INVALID_CODE,
                    "This invite code is not valid here: it may be mistyped, forged, or meant for another node."));
        }
        var invite = match.get();
        boolean rejoining = membership.roster().isMember(joiner); // a retry after a lost answer
        if (!rejoining && !membership.clock().instant().isBefore(invite.expires())) {
            return Checked.no(refused(
                    JoinRefusal.EXPIRED,
                    "This invite code expired at " + DateTimeFormatter.ISO_INSTANT.format(invite.expires())
                            + ". Ask for a new one."));
        }
        if (!rejoining && invite.usesLeft() <= 0) {
            return Checked.no(refused(JoinRefusal.USED, "This invite code was already used. Ask for a new one."));
        }
        return Checked.ok(invite.secret());
    }

    /** A member this node had not heard of shows the records that admitted it. */
    private Checked checkAdmission(List<SignedRecord> admission, PeerId joiner) throws IOException {
        if (!membership.roster().isMember(joiner)) {
            List<MembershipRecord> records = new ArrayList<>();
            for (SignedRecord r : admission) {
                try {
                    records.add(Records.decode(r.toByteArray()));
                } catch (MembershipException e) {
                    log.debug("Ignored a presented record from {}: {}", joiner.shortForm(), e.getMessage());
                }
            }
            membership.merge(records);
        }
        if (!membership.roster().isMember(joiner)) {
            return Checked.no(refused(
                    JoinRefusal.INVALID_CODE,
                    "This node's records do not show you as a member of network "
                            + membership.roster().networkName() + "; join with an invite code."));
        }
        return Checked.ok(new byte[0]);
    }

    private Checked checkPassphrase(JoinRequest request, byte[] binding, PeerId joiner) {
        byte[] proof = request.getPassphraseProof().toByteArray();
        Optional<byte[]> passphrase = membership.passphraseKey();
        if (passphrase.isEmpty()) {
            return Checked.no(refused(JoinRefusal.WRONG_PASSPHRASE, "This node has no network passphrase."));
        }
        byte[] expected = Proofs.prove(passphrase.get(), Proofs.Side.JOINER, binding, joiner, membership.self());
        if (!Proofs.matches(expected, proof)) {
            return Checked.no(refused(JoinRefusal.WRONG_PASSPHRASE, "The network passphrase does not match."));
        }
        Roster mine = membership.roster();
        if (!mine.isMember(joiner)
                && Merge.shouldMove(
                        mine.size(),
                        mine.networkId().bytes(),
                        request.getJoinerNetworkSize(),
                        request.getJoinerNetworkId().toByteArray())) {
            return Checked.no(refused(
                    JoinRefusal.JOIN_OTHER_WAY,
                    "Network " + mine.networkName() + " is the smaller one, so this node will join yours instead."));
        }
        return Checked.ok(passphrase.get());
    }

    private Optional<MembershipStore.Invite> matchingInvite(byte[] proof, byte[] binding, PeerId joiner)
            throws IOException {
        for (var invite : membership.store().invites()) {
            byte[] expected = Proofs.prove(invite.secret(), Proofs.Side.JOINER, binding, joiner, membership.self());
            if (Proofs.matches(expected, proof)) {
                return Optional.of(invite);
            }
        }
        return Optional.empty();
    }

    private void admit(PeerId joiner, JoinRequest request, byte[] secret) throws IOException {
        String name = request.getName().isBlank() ? joiner.shortForm() : request.getName();
        MembershipRecord admission;
        try {
            admission = membership.sign(new MembershipRecord.Admit(joiner, Role.MEMBER, name));
        } catch (MembershipException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (request.getProofCase() == JoinRequest.ProofCase.INVITE_PROOF) {
            membership.store().useInvite(secret, membership.roster().networkId(), admission);
        }
        log.info(
                "Admitted {} ({}) to network {}.",
                name,
                joiner.shortForm(),
                membership.roster().networkName());
    }

    private static JoinResponse refused(JoinRefusal reason, String message) {
        return JoinResponse.newBuilder()
                .setRefused(JoinRefused.newBuilder().setReason(reason).setMessage(message))
                .build();
    }

    static SignedRecord signed(MembershipRecord r) {
        try {
            return SignedRecord.parseFrom(r.encoded());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a verified record no longer parses", e);
        }
    }

    // ---- a member this node has not heard of ----------------------------------------------------

    /**
     * Shows the member at the other end of {@code stream}, which refused this node as unknown,
     * the records of this node's network, and merges what it sends back.
     *
     * @throws MembershipException if it still refuses
     */
    void presentAdmission(Stream stream) throws IOException, MembershipException {
        var request = JoinRequest.newBuilder().setName(membership.nodeName());
        membership.roster().records().forEach(r -> request.addAdmission(signed(r)));
        StreamMessages.write(stream.output(), request.build());
        JoinResponse response =
                StreamMessages.read(stream.input(), JoinResponse.parser(), MAX_RESPONSE_BYTES, "a join response");
        if (response.hasRefused()) {
            throw new MembershipException(response.getRefused().getMessage());
        }
        List<MembershipRecord> records = new ArrayList<>();
        for (SignedRecord r : response.getAccepted().getRecordsList()) {
            records.add(Records.decode(r.toByteArray()));
        }
        membership.merge(records);
    }

    // ---- the newcomer's side --------------------------------------------------------------------

    /**
     * Joins through {@code stream}, proving knowledge of {@code key} (an invite secret or a
     * passphrase key). On success this node's network is replaced by the member's.
     *
     * @throws MembershipException with the member's refusal, or why its answer was not trusted
     */
    Roster join(Stream stream, byte[] key, boolean passphrase) throws IOException, MembershipException {
        PeerId member = stream.remotePeer();
        PeerId self = membership.self();
        byte[] binding = stream.channelBinding();
        byte[] proof = Proofs.prove(key, Proofs.Side.JOINER, binding, self, member);
        var request = JoinRequest.newBuilder().setName(membership.nodeName());
        if (passphrase) {
            Roster mine = membership.roster();
            request.setPassphraseProof(ByteString.copyFrom(proof))
                    .setJoinerNetworkSize(mine.size())
                    .setJoinerNetworkId(ByteString.copyFrom(mine.networkId().bytes()));
        } else {
            request.setInviteProof(ByteString.copyFrom(proof));
        }
        StreamMessages.write(stream.output(), request.build());
        JoinResponse response =
                StreamMessages.read(stream.input(), JoinResponse.parser(), MAX_RESPONSE_BYTES, "a join response");
        if (response.hasRefused()) {
            throw new MembershipException(response.getRefused().getMessage());
        }
        JoinAccepted accepted = response.getAccepted();
        byte[] expected = Proofs.prove(key, Proofs.Side.MEMBER, binding, self, member);
        if (!Proofs.matches(expected, accepted.getMemberProof().toByteArray())) {
            throw new MembershipException("The node that answered (" + member.shortForm()
                    + ") does not know the invite's secret, so it is not the inviter. Nothing was changed.");
        }
        List<MembershipRecord> records = new ArrayList<>();
        for (SignedRecord r : accepted.getRecordsList()) {
            records.add(Records.decode(r.toByteArray()));
        }
        for (MembershipRecord r : records) {
            if (r.kind() instanceof MembershipRecord.Genesis g) {
                Roster roster = Roster.of(g.founds(), records);
                if (roster.isMember(self) && roster.isMember(member)) {
                    membership.switchTo(roster);
                    return roster;
                }
            }
        }
        throw new MembershipException("The inviter (" + member.shortForm()
                + ") accepted, but its records do not show this node as a member. Nothing was changed.");
    }
}
