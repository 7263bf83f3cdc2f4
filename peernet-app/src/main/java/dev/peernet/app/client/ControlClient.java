package dev.peernet.app.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.peernet.app.api.ConnectRequest;
import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.DoctorResponse;
import dev.peernet.app.api.ErrorResponse;
import dev.peernet.app.api.GrantRequest;
import dev.peernet.app.api.InviteRequest;
import dev.peernet.app.api.InviteResponse;
import dev.peernet.app.api.JoinRequest;
import dev.peernet.app.api.Json;
import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.api.PeerResponse;
import dev.peernet.app.api.PingRequest;
import dev.peernet.app.api.PingResponse;
import dev.peernet.app.api.RemoveRequest;
import dev.peernet.app.api.ShareAddRequest;
import dev.peernet.app.api.ShareRemoveRequest;
import dev.peernet.app.api.ShareResponse;
import dev.peernet.app.api.StatusResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Calls the control API of the node running on a state directory. */
public final class ControlClient implements AutoCloseable {
    /** The API is on loopback: if it does not accept within this, nothing is serving it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Long enough for a dial that waits out the node's 10 s handshake timeout, with room to spare. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final TypeReference<List<PeerResponse>> PEER_LIST = new TypeReference<>() {};
    private static final TypeReference<List<ShareResponse>> SHARE_LIST = new TypeReference<>() {};

    private final Path stateDir;
    private final ControlFile control;
    private final HttpClient http;

    private ControlClient(Path stateDir, ControlFile control) {
        this.stateDir = stateDir;
        this.control = control;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * A client for the node on {@code stateDir}.
     *
     * @throws NoNodeRunningException if no {@code control.json} is there or its process is gone
     */
    public static ControlClient open(Path stateDir) throws IOException {
        ControlFile control = ControlFile.read(stateDir).orElseThrow(() -> new NoNodeRunningException(stateDir));
        if (!control.ownerAlive()) {
            throw new NoNodeRunningException(stateDir);
        }
        return new ControlClient(stateDir, control);
    }

    public StatusResponse status() throws IOException {
        return Json.mapper().readValue(send(get("status")), StatusResponse.class);
    }

    public List<PeerResponse> peers() throws IOException {
        return Json.mapper().readValue(send(get("peers")), PEER_LIST);
    }

    public PeerResponse connect(ConnectRequest request) throws IOException {
        return Json.mapper().readValue(send(post("connect", request)), PeerResponse.class);
    }

    public PingResponse ping(PingRequest request) throws IOException {
        return Json.mapper().readValue(send(post("ping", request)), PingResponse.class);
    }

    public NetworkResponse network() throws IOException {
        return Json.mapper().readValue(send(get("network")), NetworkResponse.class);
    }

    public DoctorResponse doctor() throws IOException {
        return Json.mapper().readValue(send(get("doctor")), DoctorResponse.class);
    }

    public InviteResponse invite(InviteRequest request) throws IOException {
        return Json.mapper().readValue(send(post("invites", request)), InviteResponse.class);
    }

    public NetworkResponse join(JoinRequest request) throws IOException {
        return Json.mapper().readValue(send(post("join", request)), NetworkResponse.class);
    }

    public MemberResponse remove(RemoveRequest request) throws IOException {
        return Json.mapper().readValue(send(post("members/remove", request)), MemberResponse.class);
    }

    public MemberResponse grant(GrantRequest request) throws IOException {
        return Json.mapper().readValue(send(post("members/grant", request)), MemberResponse.class);
    }

    public List<ShareResponse> shares() throws IOException {
        return Json.mapper().readValue(send(get("shares")), SHARE_LIST);
    }

    public ShareResponse addShare(ShareAddRequest request) throws IOException {
        return Json.mapper().readValue(send(post("shares", request)), ShareResponse.class);
    }

    public ShareResponse removeShare(ShareRemoveRequest request) throws IOException {
        return Json.mapper().readValue(send(post("shares/remove", request)), ShareResponse.class);
    }

    private HttpRequest.Builder request(String endpoint) {
        return HttpRequest.newBuilder(URI.create(control.url() + "/api/v1/" + endpoint))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + control.token());
    }

    private HttpRequest get(String endpoint) {
        return request(endpoint).GET().build();
    }

    private HttpRequest post(String endpoint, Object body) throws IOException {
        String json = Json.mapper().writeValueAsString(body);
        return request(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private String send(HttpRequest request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new NoNodeRunningException(stateDir);
        } catch (HttpTimeoutException e) {
            throw new IOException("The Peernet node at " + control.url() + " did not answer in time.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the Peernet node.", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), errorSentence(response));
        }
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }

    private String errorSentence(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return "The node rejected the token in " + ControlFile.path(stateDir)
                    + "; another node may have replaced it, so restart this one.";
        }
        try {
            String error = Json.mapper()
                    .readValue(response.body(), ErrorResponse.class)
                    .error();
            if (error != null) {
                return error;
            }
        } catch (JacksonException e) {
            // Not our API's error body: fall through to the status.
        }
        return "The Peernet node answered HTTP " + response.statusCode() + ".";
    }
}
