package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ControlServerTest {
    private static final String TOKEN = "s3cret";

    private final FakeNodeControl node = new FakeNodeControl("alpha", 1);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ControlServer server;

    @BeforeEach
    void start() throws IOException {
        server = ControlServer.start(new InetSocketAddress("127.0.0.1", 0), TOKEN, node, InstantSource.system());
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void listensOnLoopbackAtTheUrlItReports() {
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void aRequestWithTheTokenIsAnswered() throws Exception {
        HttpResponse<String> response = send(get("status").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        StatusResponse status = Json.mapper().readValue(response.body(), StatusResponse.class);
        assertThat(status.id()).isEqualTo(node.id().toString());
        assertThat(status.apiUrl()).isEqualTo(server.url());
    }

    @Test
    void aRequestWithoutTheTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(get("status"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("The request lacks the bearer token from the node's control.json.");
    }

    @Test
    void aRequestWithAWrongTokenIsUnauthorized() throws Exception {
        assertThat(send(get("peers").header("Authorization", "Bearer guess")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anUnknownEndpointIsNotFoundWithAJsonError() throws Exception {
        HttpResponse<String> response = send(get("nothing").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("There is no such endpoint.");
    }

    @Test
    void aKnownEndpointAskedWithTheWrongMethodIsNotAllowedAndSaysWhichItTakes() throws Exception {
        HttpResponse<String> response = send(post("status", "{}"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
        assertThat(error(response)).isEqualTo("This endpoint takes GET, not POST.");
    }

    @Test
    void aPathParameterIsOneSegmentSoALongerPathIsNotFound() throws Exception {
        HttpResponse<String> response =
                send(get("transfers/t1/more/segments").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aTrailingSlashNamesTheSameEndpointButAnEmptyPathParameterIsNotFound() throws Exception {
        assertThat(send(get("status/").header("Authorization", "Bearer " + TOKEN))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(get("transfers//cancel").header("Authorization", "Bearer " + TOKEN))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        String huge = "{\"peer\":\"" + "x".repeat(JdkControlServer.MAX_BODY) + "\"}";

        HttpResponse<String> response = send(post("ping", huge));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response)).isEqualTo("The request body is over 1 MiB; this API takes a few hundred bytes.");
    }

    @Test
    void anUnauthorizedRequestForAnUnknownEndpointIsUnauthorizedNotNotFound() throws Exception {
        assertThat(send(get("nothing")).statusCode()).isEqualTo(401);
    }

    @Test
    void theServerKeepsAnsweringAfterAClientWentAwayMidRequest() throws Exception {
        URI api = URI.create(server.url());
        try (java.net.Socket s = new java.net.Socket(api.getHost(), api.getPort())) {
            s.getOutputStream()
                    .write(("POST /api/v1/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                                    + "\r\nContent-Length: 1000\r\n\r\n{\"pe")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        HttpResponse<String> response = send(get("status").header("Authorization", "Bearer " + TOKEN));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aTransferStatusWaitThatIsNotANumberIsABadRequest() throws Exception {
        HttpResponse<String> response =
                send(get("transfers/t1?waitMillis=soon").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("waitMillis must be a number of milliseconds, not 'soon'.");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connect"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{oops")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("The request body is not the JSON this endpoint expects.");
    }

    @Test
    void aProblemKeepsItsStatusAndSentence() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("ping"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"peer\":\"gamma\"}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("No connected peer matches 'gamma'.");
    }

    @Test
    void networkIsServedAtGetNetwork() throws Exception {
        HttpResponse<String> response = send(get("network").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        NetworkResponse network = Json.mapper().readValue(response.body(), NetworkResponse.class);
        assertThat(network.role()).isEqualTo("admin");
        assertThat(network.memberList())
                .extracting(MemberResponse::id)
                .containsExactly(node.id().toString());
    }

    @Test
    void anInviteIsIssuedAtPostInvites() throws Exception {
        HttpResponse<String> response = send(post("invites", "{\"expiresInSeconds\":60,\"uses\":2}"));

        assertThat(response.statusCode()).isEqualTo(200);
        InviteResponse invite = Json.mapper().readValue(response.body(), InviteResponse.class);
        assertThat(invite.uses()).isEqualTo(2);
        assertThat(invite.code()).isNotBlank();
    }

    @Test
    void aMalformedInviteCodeAtPostJoinIsABadRequest() throws Exception {
        HttpResponse<String> response = send(post("join", "{\"code\":\"ABCD\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("'ABCD' is too short to be an invite code.");
    }

    @Test
    void removingAnUnknownMemberAtPostMembersRemoveIsNotFound() throws Exception {
        HttpResponse<String> response = send(post("members/remove", "{\"member\":\"gamma\"}"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("No member has the name or ID 'gamma'.");
    }

    @Test
    void grantingByANonAdminAtPostMembersGrantIsForbidden() throws Exception {
        node.memberOf(FakeNodeControl.peerId(2), "beta");

        HttpResponse<String> response = send(post("members/grant", "{\"member\":\"alpha\",\"role\":\"admin\"}"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).startsWith("Only admins can grant a role to members");
    }

    @Test
    void aNonLoopbackAddressIsRefusedBeforeBinding() {
        assertThatThrownBy(() ->
                        ControlServer.start(new InetSocketAddress("0.0.0.0", 0), TOKEN, node, InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The control API listens only on loopback addresses such as 127.0.0.1 or [::1], not 0.0.0.0.");
    }

    @Test
    void aTakenPortIsReportedAsABindFailureNamingTheAddress() {
        URI taken = URI.create(server.url());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getPort());

        assertThatThrownBy(() -> ControlServer.start(address, TOKEN, node, InstantSource.system()))
                .isInstanceOf(BindException.class)
                .hasMessage("Cannot listen for the control API on 127.0.0.1:" + taken.getPort()
                        + ": address already in use.");
    }

    private URI uri(String endpoint) {
        return URI.create(server.url() + "/api/v1/" + endpoint);
    }

    private HttpRequest.Builder get(String endpoint) {
        return HttpRequest.newBuilder(uri(endpoint)).GET();
    }

    private HttpRequest.Builder post(String endpoint, String json) {
        return HttpRequest.newBuilder(uri(endpoint))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) throws IOException {
        return Json.mapper().readValue(response.body(), ErrorResponse.class).error();
    }
}
