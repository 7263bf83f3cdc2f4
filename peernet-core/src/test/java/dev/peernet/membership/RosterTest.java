package dev.peernet.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.NodeIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The roster is computed from signed records alone: who may sign what, and revocation. */
class RosterTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final NodeIdentity founder = NodeIdentity.generate();
    private final NodeIdentity bob = NodeIdentity.generate();
    private final NodeIdentity carol = NodeIdentity.generate();
    private final NodeIdentity dave = NodeIdentity.generate();
    private final MembershipRecord genesis = Records.genesis(founder, "founder", "home", T0, new byte[16]);
    private final NetworkId network = ((MembershipRecord.Genesis) genesis.kind()).founds();
    private final List<MembershipRecord> records = new ArrayList<>(List.of(genesis));

    private MembershipRecord add(NodeIdentity signer, long seq, MembershipRecord.Kind kind) {
        MembershipRecord r = Records.sign(signer, network, seq, T0.plusSeconds(records.size()), kind);
        records.add(r);
        return r;
    }

    private MembershipRecord.Admit member(NodeIdentity who, String name) {
        return new MembershipRecord.Admit(who.peerId(), Role.MEMBER, name);
    }

    private Roster roster() {
        return Roster.of(network, records);
    }

    @Test
    void aFoundedNetworkHasItsFounderAsItsOnlyMemberAndAdmin() {
        Roster roster = roster();

        assertThat(roster.networkName()).isEqualTo("home");
        assertThat(roster.members()).extracting(Member::id).containsExactly(founder.peerId());
        assertThat(roster.isAdmin(founder.peerId())).isTrue();
        assertThat(roster.member(founder.peerId()).orElseThrow().name()).isEqualTo("founder");
    }

    @Test
    void anyMemberMayAdmitAMemberButOnlyAnAdminMayAdmitAnAdmin() {
        add(founder, 2, member(bob, "bob"));
        add(bob, 1, member(carol, "carol"));
        add(bob, 2, new MembershipRecord.Admit(dave.peerId(), Role.ADMIN, "dave"));

        Roster roster = roster();
        assertThat(roster.isMember(carol.peerId())).isTrue();
        assertThat(roster.member(carol.peerId()).orElseThrow().admittedBy()).contains(bob.peerId());
        assertThat(roster.isMember(dave.peerId()))
                .as("an admin admitted by a mere member")
                .isFalse();
    }

    @Test
    void onlyAnAdminMayGrantARoleOrRevoke() {
        add(founder, 2, member(bob, "bob"));
        add(founder, 3, member(carol, "carol"));
        add(bob, 1, new MembershipRecord.Grant(carol.peerId(), Role.ADMIN));
        add(bob, 2, new MembershipRecord.Revoke(founder.peerId(), 99, "coup"));

        Roster roster = roster();
        assertThat(roster.isAdmin(carol.peerId())).isFalse();
        assertThat(roster.isMember(founder.peerId())).isTrue();

        add(founder, 4, new MembershipRecord.Grant(bob.peerId(), Role.ADMIN));
        add(founder, 5, new MembershipRecord.Revoke(carol.peerId(), 0, "left the company"));
        roster = roster();
        assertThat(roster.isAdmin(bob.peerId())).isTrue();
        assertThat(roster.isMember(carol.peerId())).isFalse();
        assertThat(roster.isRevoked(carol.peerId())).isTrue();
    }

    @Test
    void aRevokedMembersLaterRecordsAreVoidWhileItsEarlierAdmissionsStand() {
        add(founder, 2, member(bob, "bob"));
        add(bob, 1, member(carol, "carol"));
        add(founder, 3, new MembershipRecord.Revoke(bob.peerId(), 1, "lost laptop"));
        add(bob, 2, member(dave, "dave")); // signed with the stolen key after the revocation

        Roster roster = roster();
        assertThat(roster.isMember(bob.peerId())).isFalse();
        assertThat(roster.isMember(carol.peerId()))
                .as("admitted before the revocation")
                .isTrue();
        assertThat(roster.isMember(dave.peerId())).as("admitted after it").isFalse();
    }

    @Test
    void theRosterIsTheSameWhateverOrderTheRecordsArriveIn() {
        add(founder, 2, member(bob, "bob"));
        add(founder, 3, new MembershipRecord.Grant(bob.peerId(), Role.ADMIN));
        add(bob, 1, member(carol, "carol"));
        add(bob, 2, new MembershipRecord.Revoke(founder.peerId(), 3, "handover"));
        add(carol, 1, member(dave, "dave"));
        List<Member> expected = roster().members();

        for (long seed = 0; seed < 50; seed++) {
            List<MembershipRecord> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Roster.of(network, shuffled).members())
                    .as("seed %d", seed)
                    .isEqualTo(expected);
        }
        assertThat(expected).extracting(Member::name).containsExactly("bob", "carol", "dave");
    }

    @Test
    void recordsOfAnotherNetworkAreIgnored() {
        MembershipRecord otherGenesis = Records.genesis(bob, "bob", "elsewhere", T0, new byte[16]);
        NetworkId other = ((MembershipRecord.Genesis) otherGenesis.kind()).founds();
        records.add(otherGenesis);
        records.add(Records.sign(bob, other, 2, T0, member(carol, "carol")));

        assertThat(roster().members()).extracting(Member::id).containsExactly(founder.peerId());
    }

    @Test
    void aRecordWithABadSignatureIsRefusedWhenDecoded() {
        byte[] forged = add(founder, 2, member(bob, "bob")).encoded();
        forged[forged.length - 1] ^= 1; // the signature is the last field

        assertThatThrownBy(() -> Records.decode(forged))
                .isInstanceOf(MembershipException.class)
                .hasMessageContaining("bad signature");
    }

    @Test
    void garbageIsRefusedAsAMalformedRecord() {
        assertThatThrownBy(() -> Records.decode(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(MembershipException.class)
                .hasMessageStartingWith("a membership record is malformed");
    }
}
