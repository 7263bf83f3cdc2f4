package dev.peernet.app.api;

import dev.peernet.membership.Member;
import dev.peernet.membership.NetworkId;
import dev.peernet.membership.Roster;
import java.util.List;

/**
 * The network a node belongs to, as the control API needs it: the part of a {@link Roster} that
 * a fake node can build too.
 *
 * @param id the network's ID
 * @param name the name its founder gave it
 * @param members its current members, admins first
 */
public record NetworkInfo(NetworkId id, String name, List<Member> members) {
    public NetworkInfo {
        members = List.copyOf(members);
    }

    public static NetworkInfo of(Roster roster) {
        return new NetworkInfo(roster.networkId(), roster.networkName(), roster.members());
    }
}
