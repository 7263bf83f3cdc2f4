package dev.peernet.membership;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who belongs to a network, computed from its signed records alone, so every member that holds
 * the same records computes the same roster, whatever order they arrived in.
 *
 * <p>The rules: the genesis signer is the founder and an admin. A record counts if its signer was
 * admitted by records that count and, if the signer was revoked, the record's number is within the
 * revocation's limit. Any member may admit a member; only an admin may admit an admin, grant a
 * role or revoke. A revoked member is out for good.
 */
public final class Roster {
    private final NetworkId networkId;
    private final String networkName;
    private final PeerId founder;
    private final Map<PeerId, Member> members;
    private final Set<PeerId> revoked;
    private final List<MembershipRecord> records;

    private Roster(
            NetworkId networkId,
            String networkName,
            PeerId founder,
            Map<PeerId, Member> members,
            Set<PeerId> revoked,
            List<MembershipRecord> records) {
        this.networkId = networkId;
        this.networkName = networkName;
        this.founder = founder;
        this.members = Map.copyOf(members);
        this.revoked = Set.copyOf(revoked);
        this.records = List.copyOf(records);
    }

    /**
     * The roster of {@code network} from {@code all}: its genesis record among them, and every
     * record naming it. Records of other networks are ignored.
     *
     * @throws IllegalArgumentException if the genesis record of {@code network} is missing
     */
    static Roster of(NetworkId network, Collection<MembershipRecord> all) {
        MembershipRecord genesis = all.stream()
                .filter(r -> r.kind() instanceof MembershipRecord.Genesis g
                        && g.founds().equals(network))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("the genesis record of network " + network + " is missing"));
        List<MembershipRecord> body = all.stream()
                .filter(r -> r.network().equals(Optional.of(network)))
                .sorted(Comparator.comparing(MembershipRecord::at).thenComparing(MembershipRecord::hash))
                .toList();
        Map<PeerId, Long> limits = Map.of();
        // Revocations can void revocations, so repeat until the limits settle; the bound only
        // guards against a contrived cycle, where the last pass stands.
        for (int pass = 0; ; pass++) {
            Fold fold = Fold.run(genesis, body, limits);
            if (fold.limits.equals(limits) || pass > body.size()) {
                List<MembershipRecord> kept = new ArrayList<>();
                kept.add(genesis);
                kept.addAll(body);
                Map<PeerId, Member> current = new HashMap<>(fold.admitted);
                current.keySet().removeAll(fold.limits.keySet());
                return new Roster(
                        network,
                        ((MembershipRecord.Genesis) genesis.kind()).networkName(),
                        genesis.signer(),
                        current,
                        fold.limits.keySet(),
                        kept);
            }
            limits = fold.limits;
        }
    }

    /** One pass over the records with the revocation limits of the previous pass. */
    private record Fold(Map<PeerId, Member> admitted, Map<PeerId, Long> limits) {
        static Fold run(MembershipRecord genesis, List<MembershipRecord> body, Map<PeerId, Long> limits) {
            Map<PeerId, Member> admitted = new HashMap<>();
            String founderName = ((MembershipRecord.Genesis) genesis.kind()).founderName();
            admitted.put(
                    genesis.signer(),
                    new Member(genesis.signer(), founderName, Role.ADMIN, Optional.empty(), genesis.at()));
            Map<PeerId, Long> newLimits = new HashMap<>();
            Set<MembershipRecord> pending = new java.util.LinkedHashSet<>(body);
            boolean progress = true;
            while (progress) {
                progress = false;
                for (var it = pending.iterator(); it.hasNext(); ) {
                    MembershipRecord r = it.next();
                    if (r.seq() > limits.getOrDefault(r.signer(), Long.MAX_VALUE)) {
                        it.remove(); // signed after its signer was revoked: void
                        continue;
                    }
                    Member signer = admitted.get(r.signer());
                    if (signer == null || !apply(r, signer, admitted, newLimits)) {
                        continue; // maybe its signer is admitted by a record still pending
                    }
                    it.remove();
                    progress = true;
                }
            }
            return new Fold(admitted, newLimits);
        }

        /** Applies {@code r} if its signer may sign it; false to retry it later. */
        private static boolean apply(
                MembershipRecord r, Member signer, Map<PeerId, Member> admitted, Map<PeerId, Long> limits) {
            boolean admin = signer.role() == Role.ADMIN;
            switch (r.kind()) {
                case MembershipRecord.Admit a -> {
                    if (a.role() == Role.ADMIN && !admin) {
                        return false;
                    }
                    Member before = admitted.get(a.member());
                    if (before == null) {
                        admitted.put(
                                a.member(),
                                new Member(a.member(), a.name(), a.role(), Optional.of(r.signer()), r.at()));
                    } else if (a.role() == Role.ADMIN) {
                        admitted.put(a.member(), withRole(before, Role.ADMIN));
                    }
                    return true;
                }
                case MembershipRecord.Grant g -> {
                    Member before = admitted.get(g.member());
                    if (!admin || before == null) {
                        return false;
                    }
                    if (g.role() == Role.ADMIN) {
                        admitted.put(g.member(), withRole(before, Role.ADMIN));
                    }
                    return true;
                }
                case MembershipRecord.Revoke v -> {
                    if (!admin) {
                        return false;
                    }
                    limits.merge(v.member(), v.seqLimit(), Math::min);
                    return true;
                }
                case MembershipRecord.Genesis g -> {
                    return true; // a second genesis in a network's records changes nothing
                }
                case MembershipRecord.Unknown u -> {
                    return true;
                }
            }
        }

        private static Member withRole(Member m, Role role) {
            return new Member(m.id(), m.name(), role, m.admittedBy(), m.since());
        }
    }

    public NetworkId networkId() {
        return networkId;
    }

    public String networkName() {
        return networkName;
    }

    public PeerId founder() {
        return founder;
    }

    /** Current members, admins first, then by name and ID. */
    public List<Member> members() {
        return members.values().stream()
                .sorted(Comparator.comparing((Member m) -> m.role() != Role.ADMIN)
                        .thenComparing(Member::name)
                        .thenComparing(Member::id))
                .toList();
    }

    public Optional<Member> member(PeerId id) {
        return Optional.ofNullable(members.get(id));
    }

    public boolean isMember(PeerId id) {
        return members.containsKey(id);
    }

    public boolean isAdmin(PeerId id) {
        Member m = members.get(id);
        return m != null && m.role() == Role.ADMIN;
    }

    /** Whether {@code id} was a member and was revoked. */
    public boolean isRevoked(PeerId id) {
        return revoked.contains(id);
    }

    public int size() {
        return members.size();
    }

    /** Every record of the network, genesis first. */
    List<MembershipRecord> records() {
        return records;
    }

    Set<String> hashes() {
        Set<String> hashes = new HashSet<>();
        records.forEach(r -> hashes.add(r.hash()));
        return hashes;
    }

    /** The highest record number {@code signer} used in this network, 0 if none. */
    long lastSeqOf(PeerId signer) {
        return records.stream()
                .filter(r -> r.signer().equals(signer))
                .mapToLong(MembershipRecord::seq)
                .max()
                .orElse(0);
    }
}
