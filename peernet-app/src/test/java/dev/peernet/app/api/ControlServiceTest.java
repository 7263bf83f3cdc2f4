package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
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

    private static void assertProblem(Runnable call, int status, String sentence) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.status()).isEqualTo(status))
                .hasMessage(sentence);
    }
}
