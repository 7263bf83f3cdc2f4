package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import java.util.List;

/**
 * {@code GET /api/v1/network} and {@code POST /api/v1/join}: the network this node belongs to.
 *
 * @param name the network's name
 * @param id the network's ID, 26 base32 characters
 * @param members how many members it has
 * @param role this node's role: "admin", "member", or "removed" if it was removed from the network
 * @param memberList every member, admins first
 */
public record NetworkResponse(String name, String id, int members, String role, List<MemberResponse> memberList) {
    /** What a node removed from its network reports as its role. */
    public static final String REMOVED = "removed";

    /** {@code network} as {@code self} sees it. */
    public static NetworkResponse of(NetworkInfo network, PeerId self) {
        String role = network.members().stream()
                .filter(m -> m.id().equals(self))
                .map(m -> m.role().text())
                .findFirst()
                .orElse(REMOVED);
        List<MemberResponse> members =
                network.members().stream().map(MemberResponse::of).toList();
        return new NetworkResponse(network.name(), network.id().toString(), members.size(), role, members);
    }
}
