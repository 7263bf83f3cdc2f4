package dev.peernet.membership;

import dev.peernet.identity.PeerId;
import java.time.Instant;
import java.util.Optional;

/**
 * One verified membership record: its signature checked, its fields decoded. Whether it counts
 * (its signer had the right to sign it) is the {@link Roster}'s business. The wire form is {@code
 * SignedRecord} in {@code peernet/membership/v1/membership.proto}.
 *
 * @param encoded the {@code SignedRecord} bytes, as stored and sent
 * @param hash SHA-256 of {@code encoded}, as lower-case hex: the record's identity
 * @param network the network it belongs to; empty for a genesis record, whose hash names one
 */
record MembershipRecord(
        @SuppressWarnings("ArrayRecordComponent") byte[] encoded,
        String hash,
        PeerId signer,
        long seq,
        Instant at,
        Optional<NetworkId> network,
        Kind kind) {

    /** What a record says. */
    sealed interface Kind {}

    /** Founds a network; the signer is its first member and an admin. */
    record Genesis(String networkName, String founderName, NetworkId founds) implements Kind {}

    /** Admits {@code member} with {@code role}. */
    record Admit(PeerId member, Role role, String name) implements Kind {}

    /** Revokes {@code member}; its own records numbered above {@code seqLimit} are void. */
    record Revoke(PeerId member, long seqLimit, String reason) implements Kind {}

    /** Gives {@code member} {@code role}. */
    record Grant(PeerId member, Role role) implements Kind {}

    /** A kind this build does not know: kept and passed on, but it changes nothing here. */
    record Unknown() implements Kind {}
}
