package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.Member;

/**
 * One member of the network, as {@code GET /api/v1/network} lists it and the member endpoints
 * return it.
 *
 * @param id the full peer ID
 * @param name the name it gave when it joined
 * @param role "admin" or "member"
 * @param admittedBy the full peer ID of the member that admitted it, or null for the founder
 * @param since when it was admitted, ISO-8601
 */
public record MemberResponse(String id, String name, String role, String admittedBy, String since) {
    public static MemberResponse of(Member member) {
        return new MemberResponse(
                member.id().toString(),
                member.name(),
                member.role().text(),
                member.admittedBy().map(PeerId::toString).orElse(null),
                member.since().toString());
    }
}
