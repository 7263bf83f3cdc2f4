package dev.peernet.membership;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.peernet.identity.Ed25519Keys;
import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.proto.Admit;
import dev.peernet.membership.proto.Genesis;
import dev.peernet.membership.proto.Grant;
import dev.peernet.membership.proto.RecordBody;
import dev.peernet.membership.proto.Revoke;
import dev.peernet.membership.proto.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** Signs, encodes, decodes and verifies membership records. */
final class Records {
    /** Signatures cover this prefix and the body, so they cannot be reused for anything else. */
    private static final byte[] SIGNING_CONTEXT = "peernet-membership-record-v1".getBytes(StandardCharsets.US_ASCII);

    /** No record is larger: names are short, keys are 32 bytes. */
    static final int MAX_RECORD_BYTES = 4096;

    private Records() {}

    /** Founds a network: a genesis record signed by {@code founder}. */
    static MembershipRecord genesis(
            NodeIdentity founder, String founderName, String networkName, Instant at, byte[] nonce) {
        var body = RecordBody.newBuilder()
                .setSigner(ByteString.copyFrom(founder.peerId().keyBytes()))
                .setSignerSeq(1)
                .setAtMillis(at.toEpochMilli())
                .setGenesis(Genesis.newBuilder()
                        .setNetworkName(networkName)
                        .setFounderName(founderName)
                        .setNonce(ByteString.copyFrom(nonce)));
        return signed(founder, body.build());
    }

    /** A record of {@code kind} in {@code network}, signed by {@code signer} as its {@code seq}th. */
    static MembershipRecord sign(
            NodeIdentity signer, NetworkId network, long seq, Instant at, MembershipRecord.Kind kind) {
        var body = RecordBody.newBuilder()
                .setSigner(ByteString.copyFrom(signer.peerId().keyBytes()))
                .setSignerSeq(seq)
                .setAtMillis(at.toEpochMilli())
                .setNetworkId(ByteString.copyFrom(network.bytes()));
        switch (kind) {
            case MembershipRecord.Admit a ->
                body.setAdmit(Admit.newBuilder()
                        .setMember(key(a.member()))
                        .setRole(role(a.role()))
                        .setName(a.name()));
            case MembershipRecord.Revoke r ->
                body.setRevoke(Revoke.newBuilder()
                        .setMember(key(r.member()))
                        .setSignerSeqLimit(r.seqLimit())
                        .setReason(r.reason()));
            case MembershipRecord.Grant g ->
                body.setGrant(Grant.newBuilder().setMember(key(g.member())).setRole(role(g.role())));
            case MembershipRecord.Genesis g ->
                throw new IllegalArgumentException("found a network with Records.genesis");
            case MembershipRecord.Unknown u ->
                throw new IllegalArgumentException("cannot sign a record of unknown kind");
        }
        return signed(signer, body.build());
    }

    private static MembershipRecord signed(NodeIdentity signer, RecordBody body) {
        byte[] bodyBytes = body.toByteArray();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signer.privateKey());
            s.update(SIGNING_CONTEXT);
            s.update(bodyBytes);
            byte[] encoded = SignedRecord.newBuilder()
                    .setBody(ByteString.copyFrom(bodyBytes))
                    .setSignature(ByteString.copyFrom(s.sign()))
                    .build()
                    .toByteArray();
            return decode(encoded);
        } catch (GeneralSecurityException | MembershipException e) {
            throw new IllegalStateException("could not sign a membership record", e);
        }
    }

    /**
     * Decodes a {@code SignedRecord} and checks its signature.
     *
     * @throws MembershipException saying what is wrong: malformed, unsigned or badly signed
     */
    static MembershipRecord decode(byte[] encoded) throws MembershipException {
        if (encoded.length > MAX_RECORD_BYTES) {
            throw new MembershipException("a membership record of " + encoded.length + " bytes is too large");
        }
        try {
            SignedRecord signed = SignedRecord.parseFrom(encoded);
            byte[] bodyBytes = signed.getBody().toByteArray();
            RecordBody body = RecordBody.parseFrom(bodyBytes);
            PeerId signer = peer(body.getSigner(), "signer");
            if (!verifies(signer, bodyBytes, signed.getSignature().toByteArray())) {
                throw new MembershipException(
                        "a membership record claiming to be from " + signer.shortForm() + " has a bad signature");
            }
            Optional<NetworkId> network = body.getNetworkId().isEmpty()
                    ? Optional.empty()
                    : Optional.of(NetworkId.of(body.getNetworkId().toByteArray()));
            MembershipRecord.Kind kind = switch (body.getKindCase()) {
                case GENESIS ->
                    new MembershipRecord.Genesis(
                            body.getGenesis().getNetworkName(),
                            body.getGenesis().getFounderName(),
                            networkOf(bodyBytes));
                case ADMIT ->
                    new MembershipRecord.Admit(
                            peer(body.getAdmit().getMember(), "member"),
                            role(body.getAdmit().getRole()),
                            body.getAdmit().getName());
                case REVOKE ->
                    new MembershipRecord.Revoke(
                            peer(body.getRevoke().getMember(), "member"),
                            body.getRevoke().getSignerSeqLimit(),
                            body.getRevoke().getReason());
                case GRANT ->
                    new MembershipRecord.Grant(
                            peer(body.getGrant().getMember(), "member"),
                            role(body.getGrant().getRole()));
                case KIND_NOT_SET -> new MembershipRecord.Unknown();
            };
            if (kind instanceof MembershipRecord.Genesis == network.isPresent()) {
                throw new MembershipException("a membership record must name its network, unless it founds one");
            }
            return new MembershipRecord(
                    encoded.clone(),
                    hash(encoded),
                    signer,
                    body.getSignerSeq(),
                    Instant.ofEpochMilli(body.getAtMillis()),
                    network,
                    kind);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new MembershipException("a membership record is malformed: " + e.getMessage(), e);
        }
    }

    /** The ID of the network a genesis body founds. */
    static NetworkId networkOf(byte[] genesisBody) {
        return NetworkId.of(Arrays.copyOf(sha256(genesisBody), NetworkId.BYTES));
    }

    static String hash(byte[] encoded) {
        return HexFormat.of().formatHex(sha256(encoded));
    }

    private static boolean verifies(PeerId signer, byte[] body, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(Ed25519Keys.publicKey(signer.keyBytes()));
            s.update(SIGNING_CONTEXT);
            s.update(body);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed key or signature makes a bad signature
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static PeerId peer(ByteString key, String field) {
        if (key.size() != PeerId.KEY_BYTES) {
            throw new IllegalArgumentException("the " + field + " key has " + key.size() + " bytes, not 32");
        }
        return PeerId.ofKeyBytes(key.toByteArray());
    }

    private static ByteString key(PeerId peer) {
        return ByteString.copyFrom(peer.keyBytes());
    }

    private static dev.peernet.membership.proto.Role role(Role role) {
        return switch (role) {
            case MEMBER -> dev.peernet.membership.proto.Role.MEMBER;
            case ADMIN -> dev.peernet.membership.proto.Role.ADMIN;
        };
    }

    private static Role role(dev.peernet.membership.proto.Role role) {
        return switch (role) {
            case ADMIN -> Role.ADMIN;
            case MEMBER -> Role.MEMBER;
            case ROLE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("the role is missing or unknown");
        };
    }
}
