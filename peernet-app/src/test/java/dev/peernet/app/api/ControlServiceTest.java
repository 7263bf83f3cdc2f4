package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Role;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlServiceTest {
    private final FakeNodeControl node = new FakeNodeControl("alpha", 1);
    private final PeerInfo beta =
            FakeNodeControl.peer(FakeNodeControl.peerId(2), "beta", "127.0.0.1:7001", Optional.empty());
    private final ControlService service =
            new ControlService(node, InstantSource.fixed(FakeNodeControl.STARTED.plusSeconds(90)));

    @Test
    void statusReportsIdentityAddressesUptimeAndConnections() {
        node.connected(beta);

        StatusResponse status = service.status("http://127.0.0.1:7708");

        assertThat(status.id()).isEqualTo(node.id().toString());
        assertThat(status.name()).isEqualTo("alpha");
        assertThat(status.addresses()).containsExactly("127.0.0.1:7707");
        assertThat(status.uptimeSeconds()).isEqualTo(90);
        assertThat(status.connections()).isEqualTo(1);
        assertThat(status.apiUrl()).isEqualTo("http://127.0.0.1:7708");
    }

    @Test
    void peersListsMembersWithTheirLivenessStateThenNearbyNodes() {
        PeerId gamma = FakeNodeControl.peerId(3);
        PeerId delta = FakeNodeControl.peerId(4);
        PeerId epsilon = FakeNodeControl.peerId(5);
        node.withMember(beta.id(), "beta", Role.MEMBER)
                .withMember(gamma, "gamma", Role.MEMBER)
                .withMember(delta, "delta", Role.MEMBER)
                .seeing(new dev.peernet.liveness.Member(
                        gamma,
                        dev.peernet.liveness.MemberState.SUSPECT,
                        2,
                        List.of("10.0.0.3:7707"),
                        "peernet/1",
                        Optional.of(Duration.ofMillis(12))))
                .hearing(new dev.peernet.discovery.NearbyPeer(
                        epsilon,
                        "epsilon",
                        "OTHERNET",
                        1,
                        List.of(new InetSocketAddress("10.0.0.5", 7707)),
                        "eth0",
                        FakeNodeControl.STARTED))
                .connected(beta);

        List<PeerResponse> peers = service.peers();

        assertThat(peers)
                .extracting(PeerResponse::name, PeerResponse::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("beta", "alive"),
                        org.assertj.core.groups.Tuple.tuple("gamma", "suspect"),
                        org.assertj.core.groups.Tuple.tuple("delta", "dead"),
                        org.assertj.core.groups.Tuple.tuple("epsilon", "nearby"));
        PeerResponse suspect = peers.get(1);
        assertThat(suspect.addresses()).containsExactly("10.0.0.3:7707");
        assertThat(suspect.rttMs()).isEqualTo(12.0);
        assertThat(suspect.direction()).isNull();
        assertThat(peers.get(3).addresses()).containsExactly("10.0.0.5:7707");
    }

    @Test
    void connectReturnsThePeerThatAnswered() {
        node.reachable("127.0.0.1:7001", beta, Duration.ofMillis(1));

        PeerResponse peer =
                service.connect(new ConnectRequest("127.0.0.1:7001", beta.id().toString()));

        assertThat(peer.id()).isEqualTo(beta.id().toString());
        assertThat(peer.rttMs()).isNull();
    }

    @Test
    void connectWithoutAnAddressIsABadRequest() {
        assertProblem(
                () -> service.connect(new ConnectRequest(null, null)),
                400,
                "The request needs an 'address' such as 127.0.0.1:7707.");
    }

    @Test
    void connectToAMalformedAddressIsABadRequest() {
        assertProblem(
                () -> service.connect(new ConnectRequest("nowhere", null)),
                400,
                "'nowhere' is not HOST:PORT (for example 127.0.0.1:7707).");
    }

    @Test
    void connectExpectingAMistypedPeerIdIsABadRequest() {
        assertProblem(
                () -> service.connect(new ConnectRequest("127.0.0.1:7001", "ABC")),
                400,
                "A peer ID has 56 characters (dashes aside), but 'ABC' has 3.");
    }

    @Test
    void connectReachingAnotherPeerThanExpectedIsAConflict() {
        node.reachable("127.0.0.1:7001", beta, Duration.ofMillis(1));
        PeerId other = FakeNodeControl.peerId(3);

        assertProblem(
                () -> service.connect(new ConnectRequest("127.0.0.1:7001", other.toString())),
                409,
                "Expected peer " + other + " at 127.0.0.1:7001 but reached " + beta.id()
                        + "; the connection was refused.");
    }

    @Test
    void connectToAnUnreachableAddressIsABadGatewayNamingTheAddress() {
        assertProblem(
                () -> service.connect(new ConnectRequest("127.0.0.1:7001", null)),
                502,
                "Could not connect to 127.0.0.1:7001: connection refused.");
    }

    @Test
    void aFailureThatNamesTheAddressIsReportedAsItIs() {
        IOException failure = new IOException("Cannot reach 127.0.0.1:1: Connection refused.");

        assertThat(ControlService.unreachable("127.0.0.1:1", failure))
                .isEqualTo("Cannot reach 127.0.0.1:1: Connection refused.");
    }

    @Test
    void pingAnswersWithTheRoundTripInMilliseconds() {
        node.reachable("127.0.0.1:7001", beta, Duration.ofNanos(412_345));
        service.connect(new ConnectRequest("127.0.0.1:7001", null));

        PingResponse reply = service.ping(new PingRequest("beta"));

        assertThat(reply).isEqualTo(new PingResponse(beta.id().toString(), "beta", 0.412));
    }

    @Test
    void pingOfAnUnknownPeerIsNotFound() {
        assertProblem(() -> service.ping(new PingRequest("gamma")), 404, "No connected peer matches 'gamma'.");
    }

    @Test
    void pingThatGetsNoReplyIsABadGateway() {
        node.connected(beta);

        assertProblem(
                () -> service.ping(new PingRequest("beta")),
                502,
                "Peer " + beta.id().shortForm() + " did not answer: The ping timed out.");
    }

    @Test
    void networkNamesTheNetworkThisNodesRoleAndEveryMember() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        NetworkResponse network = service.network();

        assertThat(network.name()).isEqualTo("alpha's network");
        assertThat(network.id()).isEqualTo(FakeNodeControl.networkId(1).toString());
        assertThat(network.members()).isEqualTo(2);
        assertThat(network.role()).isEqualTo("admin");
        assertThat(network.memberList())
                .containsExactly(
                        new MemberResponse(
                                node.id().toString(), "alpha", "admin", null, FakeNodeControl.STARTED.toString()),
                        new MemberResponse(
                                beta.id().toString(),
                                "beta",
                                "member",
                                node.id().toString(),
                                FakeNodeControl.STARTED.toString()));
    }

    @Test
    void aRemovedNodeReportsItsRoleAsRemoved() {
        node.memberOf(beta.id(), "beta").removedByItsNetwork();

        assertThat(service.network().role()).isEqualTo("removed");
    }

    @Test
    void inviteByDefaultLastsADayForOneUseAtThisNodesAddresses() {
        InviteResponse invite = service.invite(new InviteRequest(null, null, null));

        assertThat(InviteCode.parse(invite.code()).addresses())
                .containsExactly(new InetSocketAddress("127.0.0.1", 7707));
        assertThat(invite.network()).isEqualTo("alpha's network");
        assertThat(invite.expiresAt())
                .isEqualTo(FakeNodeControl.STARTED
                        .plusSeconds(90)
                        .plus(Duration.ofHours(24))
                        .toString());
        assertThat(invite.uses()).isEqualTo(1);
        assertThat(invite.addresses()).containsExactly("127.0.0.1:7707");
    }

    @Test
    void inviteNamesTheGivenAddressesExpiryAndUses() {
        InviteResponse invite = service.invite(new InviteRequest(600L, 3, List.of("127.0.0.1:9000")));

        assertThat(invite.addresses()).containsExactly("127.0.0.1:9000");
        assertThat(invite.uses()).isEqualTo(3);
        assertThat(node.usesLeft(InviteCode.parse(invite.code()))).isEqualTo(3);
        assertThat(invite.expiresAt())
                .isEqualTo(FakeNodeControl.STARTED.plusSeconds(90 + 600).toString());
    }

    @Test
    void inviteWithoutExpiryTimeIsABadRequest() {
        assertProblem(
                () -> service.invite(new InviteRequest(0L, null, null)),
                400,
                "An invite must stay valid for at least one second, not 0.");
    }

    @Test
    void inviteValidForMoreThanAYearIsABadRequest() {
        assertProblem(
                () -> service.invite(new InviteRequest(Long.MAX_VALUE, null, null)),
                400,
                "An invite can stay valid for at most 365 days.");
    }

    @Test
    void inviteWithoutUsesIsABadRequest() {
        assertProblem(
                () -> service.invite(new InviteRequest(null, 0, null)),
                400,
                "An invite must allow at least one use, not 0.");
    }

    @Test
    void inviteNamingAMalformedAddressIsABadRequest() {
        assertProblem(
                () -> service.invite(new InviteRequest(null, null, List.of("nowhere"))),
                400,
                "'nowhere' is not HOST:PORT (for example 127.0.0.1:7707).");
    }

    @Test
    void inviteByARemovedNodeIsForbidden() {
        node.memberOf(beta.id(), "beta").removedByItsNetwork();

        assertProblem(
                () -> service.invite(new InviteRequest(null, null, null)),
                403,
                "This node was removed from its network, so it cannot invite.");
    }

    @Test
    void joinWithAGoodCodeAnswersTheNetworkJoined() {
        InviteCode code = FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7001), 1);
        node.inviting(code, betasNetwork());

        NetworkResponse network = service.join(new JoinRequest(code.toString()));

        assertThat(network.name()).isEqualTo("beta's network");
        assertThat(network.id()).isEqualTo(FakeNodeControl.networkId(2).toString());
        assertThat(network.members()).isEqualTo(2);
        assertThat(network.role()).isEqualTo("member");
    }

    @Test
    void joinWithoutACodeIsABadRequest() {
        assertProblem(
                () -> service.join(new JoinRequest(" ")),
                400,
                "The request needs a 'code': an invite code from a member.");
    }

    @Test
    void joinWithAMistypedCodeIsABadRequest() {
        String code = FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7001), 1)
                .toString();
        String typo = code.substring(0, 5) + (code.charAt(5) == 'A' ? 'B' : 'A') + code.substring(6);

        assertProblem(
                () -> service.join(new JoinRequest(typo)),
                400,
                "The invite code has a typo: its check character does not match. Copy it again.");
    }

    @Test
    void joinWithACodeTheInviterRefusesIsAConflictWithItsSentence() {
        InviteCode code = FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7001), 1);
        node.refusing(code, "This invite code was already used. Ask for a new one.");

        assertProblem(
                () -> service.join(new JoinRequest(code.toString())),
                409,
                "This invite code was already used. Ask for a new one.");
    }

    @Test
    void joinWhenTheInviterIsUnreachableIsABadGateway() {
        InviteCode code = FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7001), 1);

        assertProblem(
                () -> service.join(new JoinRequest(code.toString())),
                502,
                "Could not reach the inviter at 127.0.0.1:7001: Connection refused.");
    }

    @Test
    void removeAnswersTheRemovedMember() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        MemberResponse removed = service.remove(new RemoveRequest("beta", "lost laptop"));

        assertThat(removed.id()).isEqualTo(beta.id().toString());
        assertThat(service.network().members()).isEqualTo(1);
    }

    @Test
    void removeWithoutAMemberIsABadRequest() {
        assertProblem(
                () -> service.remove(new RemoveRequest(null, null)),
                400,
                "The request needs a 'member': a member's ID, short ID or name.");
    }

    @Test
    void removeOfAnUnknownMemberIsNotFound() {
        assertProblem(
                () -> service.remove(new RemoveRequest("gamma", null)), 404, "No member has the name or ID 'gamma'.");
    }

    @Test
    void removeByANonAdminIsForbiddenWithTheCoresSentence() {
        node.memberOf(beta.id(), "beta");

        assertProblem(
                () -> service.remove(new RemoveRequest("beta", null)),
                403,
                "Only admins can remove members, and this node is not one. Admins: beta ("
                        + beta.id().shortForm() + ").");
    }

    @Test
    void removeOfItselfIsAConflict() {
        assertProblem(() -> service.remove(new RemoveRequest("alpha", null)), 409, "A node cannot remove itself.");
    }

    @Test
    void grantMakesTheMemberAnAdmin() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        MemberResponse granted = service.grant(new GrantRequest(beta.id().shortForm(), "admin"));

        assertThat(granted.role()).isEqualTo("admin");
        assertThat(service.network().memberList())
                .filteredOn(m -> m.id().equals(beta.id().toString()))
                .extracting(MemberResponse::role)
                .containsExactly("admin");
    }

    @Test
    void grantOfAnotherRoleThanAdminIsABadRequest() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        assertProblem(
                () -> service.grant(new GrantRequest("beta", "owner")),
                400,
                "Only the role 'admin' can be granted, not 'owner'.");
    }

    @Test
    void grantByANonAdminIsForbidden() {
        node.memberOf(beta.id(), "beta");

        assertProblem(
                () -> service.grant(new GrantRequest("alpha", "admin")),
                403,
                "Only admins can grant a role to members, and this node is not one. Admins: beta ("
                        + beta.id().shortForm() + ").");
    }

    private NetworkInfo betasNetwork() {
        return new NetworkInfo(
                FakeNodeControl.networkId(2),
                "beta's network",
                List.of(FakeNodeControl.member(beta.id(), "beta", Role.ADMIN, Optional.empty())));
    }

    private static void assertProblem(Runnable call, int status, String sentence) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.status()).isEqualTo(status))
                .hasMessage(sentence);
    }
}
