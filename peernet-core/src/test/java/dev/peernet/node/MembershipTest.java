package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Member;
import dev.peernet.membership.Membership;
import dev.peernet.membership.MembershipException;
import dev.peernet.membership.Roster;
import dev.peernet.session.SessionException;
import dev.peernet.session.Stream;
import dev.peernet.wire.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Invites, joins, outsiders, removal and catching up, between real nodes on loopback. */
@Timeout(60)
class MembershipTest {
    private static final Duration DAY = Duration.ofHours(24);
    private final TestNodes nodes;

    MembershipTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private static InviteCode invite(Node inviter) throws MembershipException {
        return inviter.invite(DAY, 1, List.of(TestNodes.addressOf(inviter)));
    }

    @Test
    void aNodeThatNeverJoinedFoundsItsOwnNetwork() throws Exception {
        Node alpha = nodes.startOutsider("alpha");

        Roster network = alpha.network();
        assertThat(network.size()).isEqualTo(1);
        assertThat(network.isAdmin(alpha.id())).isTrue();
        assertThat(network.founder()).isEqualTo(alpha.id());
    }

    @Test
    void aNewcomerJoinsWithAnInviteAndBothSeeTheSameTwoMembers() throws Exception {
        Node alpha = nodes.startOutsider("alpha");
        Node beta = nodes.startOutsider("beta");

        Roster joined = beta.join(invite(alpha));

        assertThat(joined.networkId()).isEqualTo(alpha.network().networkId());
        assertThat(beta.network().members()).extracting(Member::name).containsExactly("alpha", "beta");
        assertThat(alpha.network().members()).isEqualTo(beta.network().members());
        assertThat(beta.ping(alpha.id())).isPositive();
    }

    @Test
    void aUsedCodeIsRefusedWithASentence() throws Exception {
        Node alpha = nodes.startOutsider("alpha");
        InviteCode code = invite(alpha);
        nodes.startOutsider("beta").join(code);

        Node gamma = nodes.startOutsider("gamma");
        assertThatThrownBy(() -> gamma.join(code))
                .isInstanceOf(MembershipException.class)
                .hasMessage("This invite code was already used. Ask for a new one.");
        assertThat(gamma.network().networkId()).isNotEqualTo(alpha.network().networkId());
    }

    @Test
    void anExpiredCodeIsRefusedWithItsExpiryTime() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
        InstantSource clock = now::get;
        Node alpha = nodes.startOutsider("alpha", b -> b.clock(clock));
        InviteCode code = alpha.invite(Duration.ofHours(1), 1, List.of(TestNodes.addressOf(alpha)));
        now.set(now.get().plus(Duration.ofHours(2)));

        Node beta = nodes.startOutsider("beta");
        assertThatThrownBy(() -> beta.join(code))
                .isInstanceOf(MembershipException.class)
                .hasMessage("This invite code expired at 2026-11-25T13:00:00Z. Ask for a new one.");
    }

    @Test
    void aForgedCodeIsRefusedAndRepeatedFailuresAreRateLimited() throws Exception {
        Node alpha = nodes.startOutsider("alpha");
        invite(alpha); // a real invite exists, but the forger does not know its secret
        Node mallory = nodes.startOutsider("mallory");

        for (int attempt = 1; attempt <= 5; attempt++) {
            InviteCode forged = forgedCodeFor(alpha);
            assertThatThrownBy(() -> mallory.join(forged))
                    .isInstanceOf(MembershipException.class)
                    .hasMessageStartingWith("This invite code is not valid here");
        }
        InviteCode sixth = forgedCodeFor(alpha);
        assertThatThrownBy(() -> mallory.join(sixth))
                .isInstanceOf(MembershipException.class)
                .hasMessage("Too many failed join attempts from 127.0.0.1. Wait a minute, then try again.");
        assertThat(alpha.network().size()).isEqualTo(1);
    }

    /** A well-formed code naming {@code target}'s address with a random secret. */
    private static InviteCode forgedCodeFor(Node target) throws MembershipException {
        try (var scratch = new TestNodes()) {
            Node other = scratch.startOutsider("forger");
            String text =
                    other.invite(DAY, 1, List.of(TestNodes.addressOf(target))).toString();
            return InviteCode.parse(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOutsiderReachesTheJoinProtocolAndIsRefusedEveryOtherProtocol() throws Exception {
        Node alpha = nodes.startOutsider("alpha", b -> b.liveness(true)); // so /peernet/swim/1 is served too
        alpha.serve("/test/extra/1", stream -> stream.output().write(1));
        Node outsider = nodes.startOutsider("outsider");
        outsider.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));

        assertThat(alpha.servedProtocols())
                .contains(
                        Membership.JOIN_PROTOCOL,
                        Membership.SYNC_PROTOCOL,
                        "/peernet/ping/1",
                        "/peernet/swim/1",
                        "/test/extra/1");
        for (String protocol : alpha.servedProtocols()) {
            if (protocol.equals(Membership.JOIN_PROTOCOL)) {
                try (Stream join = outsider.openStream(alpha.id(), protocol)) {
                    assertThat(join.protocol()).isEqualTo(protocol);
                }
                continue;
            }
            assertThatThrownBy(() -> outsider.openStream(alpha.id(), protocol))
                    .as(protocol)
                    .isInstanceOfSatisfying(
                            SessionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER))
                    .hasMessageContaining("only members of network alpha's network may use " + protocol);
        }
        assertThat(outsider.peers()).as("the connection stays up").hasSize(1);
    }

    @Test
    void onlyAnAdminMayRemoveAndAnAdminMayMakeAnother() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        beta.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));
        gamma.connect(TestNodes.addressOf(beta), Optional.of(beta.id()));

        assertThatThrownBy(() -> beta.remove("gamma", "test"))
                .isInstanceOf(MembershipException.class)
                .hasMessageStartingWith("Only admins can remove members, and this node is not one. Admins: alpha (");

        alpha.grantAdmin("beta");
        await().atMost(Duration.ofSeconds(5)).until(() -> beta.network().isAdmin(beta.id()));
        beta.remove("gamma", "test");
        assertThat(beta.network().isMember(gamma.id())).isFalse();
    }

    @Test
    void aRemovedMemberIsDisconnectedEverywhereWithinSecondsAndRefusedAfterwards() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        beta.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));
        gamma.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));
        gamma.connect(TestNodes.addressOf(beta), Optional.of(beta.id()));

        alpha.remove("gamma", "lost laptop");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(beta.network().isRevoked(gamma.id()))
                    .as("the revocation reached beta")
                    .isTrue();
            assertThat(gamma.peers()).as("gamma is cut off from everyone").isEmpty();
        });
        assertThatThrownBy(() -> gamma.connect(TestNodes.addressOf(beta), Optional.of(beta.id())))
                .isInstanceOf(RemovedMemberException.class)
                .hasMessage("This node was removed from network alpha's network, so its members no longer accept its"
                        + " connections.");
        assertThatThrownBy(() -> beta.connect(TestNodes.addressOf(gamma), Optional.of(gamma.id())))
                .isInstanceOf(RemovedMemberException.class)
                .hasMessage("Peer " + gamma.id().shortForm() + " at " + HostPort.format(TestNodes.addressOf(gamma))
                        + " was removed from network alpha's network, so this node does not keep a connection with"
                        + " it.");
        await("beta closes a removed member's new connection at once")
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        gamma.peers().isEmpty() && beta.peers().stream().noneMatch(p -> p.id().equals(gamma.id())));
        assertThatThrownBy(() -> gamma.ping(beta.id())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aRemovedMemberIsHandedItsRevocationSoItKnowsItWasRemoved() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        gamma.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));
        gamma.connect(TestNodes.addressOf(beta), Optional.of(beta.id()));

        alpha.remove("gamma", "lost laptop");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(gamma.network().isRevoked(gamma.id())).isTrue();
            assertThat(gamma.network().members()).isEqualTo(alpha.network().members());
            assertThat(gamma.peers()).isEmpty();
        });
        assertThatThrownBy(() -> gamma.invite(DAY, 1, List.of(TestNodes.addressOf(gamma))))
                .isInstanceOf(MembershipException.class)
                .hasMessage("This node was removed from its network, so it cannot invite.");
    }

    @Test
    void aRemovedMemberThatWasAwayIsHandedItsRevocationWhenItComesBack() throws Exception {
        Node alpha = nodes.start("alpha");
        Node gamma = nodes.start("gamma");
        gamma.close();
        alpha.remove(gamma.id().toString(), "lost laptop");

        Node gamma2 = nodes.start("gamma"); // the same state dir: it still believes it is a member
        assertThat(gamma2.network().isMember(gamma2.id())).isTrue();

        assertThatThrownBy(() -> gamma2.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id())))
                .as("it learns it in the connect, and is told so")
                .isInstanceOf(RemovedMemberException.class)
                .hasMessage("This node was removed from network alpha's network, so its members no longer accept its"
                        + " connections.");
        assertThat(gamma2.network().isRevoked(gamma2.id())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> gamma2.peers().isEmpty());
    }

    @Test
    void aMemberThatWasAwayDuringChangesCatchesUpWhenItReturns() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        assertThat(beta.network().size()).isEqualTo(2);
        beta.close();

        Node gamma = nodes.start("gamma"); // joins through alpha while beta is away
        assertThat(alpha.network().size()).isEqualTo(3);

        Node beta2 = nodes.start("beta"); // the same state dir: the same identity and records
        assertThat(beta2.network().size()).as("what beta knew when it stopped").isEqualTo(2);
        beta2.connect(TestNodes.addressOf(alpha), Optional.of(alpha.id()));

        assertThat(beta2.network().isMember(gamma.id())).isTrue();
        assertThat(beta2.network().members()).isEqualTo(alpha.network().members());
    }
}
