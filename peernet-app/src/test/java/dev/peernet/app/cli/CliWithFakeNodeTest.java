package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.app.api.Json;
import dev.peernet.app.api.NetworkInfo;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.InviteCode;
import dev.peernet.membership.Role;
import dev.peernet.node.HostPort;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a real daemon and control API whose node is a fake. */
@Timeout(60)
class CliWithFakeNodeTest {
    @TempDir
    Path stateDir;

    private final FakeNodeControl node = new FakeNodeControl("alpha", 1);
    private final PeerInfo beta =
            FakeNodeControl.peer(FakeNodeControl.peerId(2), "beta", "127.0.0.1:7001", Optional.empty());
    private final PeerInfo silent =
            FakeNodeControl.peer(FakeNodeControl.peerId(3), "silent", "127.0.0.1:7003", Optional.empty());
    private Daemon daemon;

    @BeforeEach
    void start() throws IOException {
        node.reachable("127.0.0.1:7001", beta, Duration.ofNanos(412_000)).connected(silent);
        DaemonSettings settings = DaemonSettings.defaults(stateDir).withApi(new HostPort("127.0.0.1", 0));
        daemon = Daemon.start(settings, config -> node);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void idPrintsTheFullPeerIdAlone() {
        CliRun run = CliRun.in(stateDir, "id");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(node.id() + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aControlApiOnIpv6LoopbackServesCommandsToo(@TempDir Path otherDir) throws IOException {
        DaemonSettings settings = DaemonSettings.defaults(otherDir).withApi(new HostPort("::1", 0));

        try (Daemon onIpv6 = Daemon.start(settings, config -> new FakeNodeControl("v6", 6))) {
            CliRun run = CliRun.in(otherDir, "id");

            assertThat(onIpv6.apiUrl()).startsWith("http://[");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(FakeNodeControl.peerId(6) + "\n");
        }
    }

    @Test
    void statusShowsNameIdAddressesAndApi() {
        CliRun run = CliRun.in(stateDir, "status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Name:         alpha\n")
                .contains("Peer ID:      " + node.id() + "\n")
                .contains("Addresses:    127.0.0.1:7707\n")
                .contains("Connections:  1\n")
                .contains("Control API:  " + daemon.apiUrl() + "\n");
    }

    @Test
    void statusJsonHasTheDocumentedFields() throws IOException {
        JsonNode json =
                Json.mapper().readTree(CliRun.in(stateDir, "status", "--json").out());

        assertThat(json.get("id").asText()).isEqualTo(node.id().toString());
        assertThat(json.get("name").asText()).isEqualTo("alpha");
        assertThat(json.get("addresses").get(0).asText()).isEqualTo("127.0.0.1:7707");
        assertThat(json.get("uptimeSeconds").isIntegralNumber()).isTrue();
        assertThat(json.get("connections").asInt()).isEqualTo(1);
        assertThat(json.get("apiUrl").asText()).isEqualTo(daemon.apiUrl());
    }

    @Test
    void connectPrintsThePeerItReached() {
        CliRun run = CliRun.in(
                stateDir, "connect", "127.0.0.1:7001", "--expect", beta.id().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Connected to " + beta.id() + " (beta) at 127.0.0.1:7001.\n");
    }

    @Test
    void connectReachingAnotherPeerThanExpectedFails() {
        PeerId other = FakeNodeControl.peerId(9);

        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7001", "--expect", other.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("Expected peer " + other + " at 127.0.0.1:7001 but reached " + beta.id()
                        + "; the connection was refused.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void connectExpectingAMistypedIdIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7001", "--expect", "ABCDEFG");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("Invalid value for option '--expect': a peer ID has 56 characters (dashes aside), "
                        + "but 'ABCDEFG' has 7; see 'peernet connect --help'.\n");
    }

    @Test
    void connectToNobodyFailsNamingTheAddress() {
        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7002");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Could not connect to 127.0.0.1:7002: connection refused.\n");
    }

    @Test
    void peersListsOneRowPerPeer() {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        CliRun run = CliRun.in(stateDir, "peers");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().toList().get(0)).startsWith("PEER");
        assertThat(run.out()).contains(beta.id().shortForm() + "  beta ");
    }

    @Test
    void peersJsonIsAnArrayWhoseElementsCarryTheFullIdAsId() throws IOException {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        JsonNode json =
                Json.mapper().readTree(CliRun.in(stateDir, "peers", "--json").out());

        assertThat(json.isArray()).isTrue();
        assertThat(json)
                .extracting(peer -> peer.get("id").asText())
                .containsExactlyInAnyOrder(silent.id().toString(), beta.id().toString());
    }

    @Test
    void pingPrintsOneLinePerRoundTripAndASummary() {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        CliRun run = CliRun.in(stateDir, "ping", "beta", "-c", "2", "-i", "10ms");

        String shortId = beta.id().shortForm();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                        Reply from %s (beta): seq=1 time=0.412 ms
                        Reply from %s (beta): seq=2 time=0.412 ms
                        --- %s ping statistics ---
                        2 sent, 2 received, 0%% lost, rtt min/avg/max = 0.412/0.412/0.412 ms
                        """.formatted(shortId, shortId, shortId));
    }

    @Test
    void pingWithoutRepliesCountsTheLossAndFails() {
        CliRun run = CliRun.in(stateDir, "ping", silent.id().shortForm(), "-c", "2", "-i", "10ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("No reply: seq=1 Peer " + silent.id().shortForm() + " did not answer: The ping timed out.\n")
                .endsWith("2 sent, 0 received, 100% lost\n");
    }

    @Test
    void pingOfAnUnknownPeerFailsAtOnce() {
        CliRun run = CliRun.in(stateDir, "ping", "zeta", "-c", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No connected peer matches 'zeta'.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void pingCountMustBePositive() {
        CliRun run = CliRun.in(stateDir, "ping", "beta", "-c", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--count must be at least 1; see 'peernet ping --help'.\n");
    }

    @Test
    void networkShowsNameIdSizeRoleAndOneRowPerMember() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        CliRun run = CliRun.in(stateDir, "network");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                Network:    alpha's network
                Network ID: %s
                Members:    2
                This node:  admin

                PEER     NAME   ROLE
                %s  alpha  admin
                %s  beta   member
                """.formatted(
                FakeNodeControl.networkId(1), node.id().shortForm(), beta.id().shortForm()));
    }

    @Test
    void networkJsonHasNameIdMemberCountRoleAndMembersWithFullIds() throws IOException {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        CliRun run = CliRun.in(stateDir, "network", "--json");

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(json.get("name").asText()).isEqualTo("alpha's network");
        assertThat(json.get("id").asText())
                .isEqualTo(FakeNodeControl.networkId(1).toString());
        assertThat(json.get("members").asInt()).isEqualTo(2);
        assertThat(json.get("role").asText()).isEqualTo("admin");
        assertThat(json.get("memberList"))
                .extracting(m -> m.get("id").asText() + " " + m.get("name").asText() + " "
                        + m.get("role").asText())
                .containsExactly(node.id() + " alpha admin", beta.id() + " beta member");
    }

    @Test
    void invitePrintsTheCodeAloneOnTheLastLine() {
        CliRun run = CliRun.in(stateDir, "invite");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        InviteCode code = InviteCode.parse(lines.getLast());
        assertThat(lines.getLast()).isEqualTo(code.toString());
        assertThat(code.addresses()).containsExactly(new InetSocketAddress("127.0.0.1", 7707));
        assertThat(lines.getFirst()).startsWith("Invite to network alpha's network, valid for 1d (until ");
        assertThat(lines.getFirst()).endsWith("), for 1 use.");
        assertThat(run.out()).contains("On the new node, run: peernet join CODE\n");
        assertThat(node.usesLeft(code)).isEqualTo(1);
    }

    @Test
    void inviteTakesExpiryUsesAndAddresses() {
        Instant before = Instant.now();

        CliRun run = CliRun.in(stateDir, "invite", "--expires", "10m", "--uses", "3", "--address", "127.0.0.1:9000");

        assertThat(run.exitCode()).isZero();
        InviteCode code = InviteCode.parse(run.out().lines().toList().getLast());
        assertThat(code.addresses()).containsExactly(new InetSocketAddress("127.0.0.1", 9000));
        assertThat(node.usesLeft(code)).isEqualTo(3);
        assertThat(run.out()).contains("valid for 10m (until ").contains("for 3 uses.\n");
        String until = run.out().replaceAll("(?s).*\\(until ([^)]+)\\).*", "$1");
        assertThat(Instant.parse(until))
                .isBetween(before.plusSeconds(599), Instant.now().plusSeconds(600));
        assertThat(run.out()).contains("It reaches this node at 127.0.0.1:9000.\n");
    }

    @Test
    void inviteWithAMalformedExpiryIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "invite", "--expires", "tomorrow");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("Invalid value for option '--expires': 'tomorrow' is not a duration; write a whole number "
                        + "and a unit, like 500ms, 10s, 2m or 1h; see 'peernet invite --help'.\n");
    }

    @Test
    void inviteForNoUseIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "invite", "--uses", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--uses must be at least 1; see 'peernet invite --help'.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void inviteThatExpiresAtOnceIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "invite", "--expires", "0s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--expires must be at least 1s; see 'peernet invite --help'.\n");
    }

    @Test
    void inviteValidForMoreThanAYearFailsWithTheApisSentence() {
        CliRun run = CliRun.in(stateDir, "invite", "--expires", "400d");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("An invite can stay valid for at most 365 days.\n");
    }

    @Test
    void inviteByARemovedNodeFailsWithTheNodesSentence() {
        node.memberOf(beta.id(), "beta").removedByItsNetwork();

        CliRun run = CliRun.in(stateDir, "invite");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("This node was removed from its network, so it cannot invite.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void joinPrintsTheNetworksNameIdAndMemberCount() {
        InviteCode code = inviteFromBeta();
        node.inviting(code, betasNetwork());

        CliRun run = CliRun.in(stateDir, "join", code.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Joined network beta's network (" + FakeNodeControl.networkId(2) + "), 2 members.\n");
        assertThat(CliRun.in(stateDir, "network").out()).contains("This node:  member\n");
    }

    @Test
    void joinWithACodeTheInviterRefusesFailsWithItsSentence() {
        InviteCode code = inviteFromBeta();
        node.refusing(code, "This invite code was already used. Ask for a new one.");

        CliRun run = CliRun.in(stateDir, "join", code.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("This invite code was already used. Ask for a new one.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void joinWhenTheInviterIsUnreachableFailsNamingItsAddress() {
        CliRun run = CliRun.in(stateDir, "join", inviteFromBeta().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Could not reach the inviter at 127.0.0.1:7001: Connection refused.\n");
    }

    @Test
    void joinWithAMistypedCodeIsAUsageErrorThatNeverReachesTheNode() {
        String code = inviteFromBeta().toString();
        String typo = code.substring(0, 5) + (code.charAt(5) == 'A' ? 'B' : 'A') + code.substring(6);

        CliRun run = CliRun.in(stateDir, "join", typo);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("The invite code has a typo: its check character does not match. Copy it again; "
                        + "see 'peernet join --help'.\n");
    }

    @Test
    void removePrintsTheRemovedMember() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        CliRun run = CliRun.in(stateDir, "remove", "beta", "--reason", "lost laptop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Removed beta (" + beta.id().shortForm() + ") from the network.\n");
        assertThat(node.network().members()).hasSize(1);
    }

    @Test
    void removeByANonAdminFailsWithTheCoresSentence() {
        node.memberOf(beta.id(), "beta");

        CliRun run = CliRun.in(stateDir, "remove", "beta");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("Only admins can remove members, and this node is not one. Admins: beta ("
                        + beta.id().shortForm() + ").\n");
    }

    @Test
    void removeOfAnUnknownMemberFails() {
        CliRun run = CliRun.in(stateDir, "remove", "zeta");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No member has the name or ID 'zeta'.\n");
    }

    @Test
    void grantAdminPrintsTheNewAdmin() {
        node.withMember(beta.id(), "beta", Role.MEMBER);

        CliRun run = CliRun.in(stateDir, "grant", "beta", "admin");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("beta (" + beta.id().shortForm() + ") is now an admin.\n");
        assertThat(node.network().members().getLast().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void grantOfAnotherRoleIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "grant", "beta", "owner");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ROLE must be 'admin', not 'owner'; see 'peernet grant --help'.\n");
    }

    @Test
    void grantByANonAdminFails() {
        node.memberOf(beta.id(), "beta");

        CliRun run = CliRun.in(stateDir, "grant", "alpha", "admin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Only admins can grant a role to members, and this node is not one.");
    }

    private static InviteCode inviteFromBeta() {
        return FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7001), 7);
    }

    private NetworkInfo betasNetwork() {
        return new NetworkInfo(
                FakeNodeControl.networkId(2),
                "beta's network",
                List.of(FakeNodeControl.member(beta.id(), "beta", Role.ADMIN, Optional.empty())));
    }

    @Test
    void doctorPrintsInterfacesListenersPeersAndEachProblemWithItsFixAndExitsOne() throws IOException {
        var report = new dev.peernet.doctor.DoctorReport(
                List.of(new dev.peernet.doctor.DoctorReport.InterfaceReport(
                        "wlan0", true, false, List.of("192.168.1.20/24"), true, Optional.of(false))),
                List.of(new dev.peernet.doctor.DoctorReport.ListenCheck(
                        "192.168.1.20:7707", true, "accepts connections")),
                List.of(new dev.peernet.doctor.DoctorReport.PeerCheck(
                        "beta", "192.168.1.21:7707", true, Optional.of(0.5), "connected")),
                List.of(new dev.peernet.doctor.DoctorReport.Problem(
                        "mDNS does not work on wlan0.", "Allow UDP 5353.")));
        node.diagnosing(report);

        CliRun run = CliRun.in(stateDir, "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("wlan0")
                .contains("192.168.1.20/24")
                .contains("discovery: mDNS not heard")
                .contains("192.168.1.20:7707")
                .contains("reachable")
                .contains("0.500 ms")
                .contains("  1. mDNS does not work on wlan0.\n     Fix: Allow UDP 5353.\n");
        JsonNode json =
                Json.mapper().readTree(CliRun.in(stateDir, "doctor", "--json").out());
        assertThat(json.get("interfaces").get(0).get("mdnsWorks").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("fix").asText()).isEqualTo("Allow UDP 5353.");
    }

    @Test
    void doctorWithNothingWrongSaysSoAndExitsZero() {
        CliRun run = CliRun.in(stateDir, "doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("No problems found.\n");
    }
}
