package dev.peernet.app.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.peernet.app.api.ConnectRequest;
import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.DoctorResponse;
import dev.peernet.app.api.EntryResponse;
import dev.peernet.app.api.ErrorResponse;
import dev.peernet.app.api.GetRequest;
import dev.peernet.app.api.GrantRequest;
import dev.peernet.app.api.HitResponse;
import dev.peernet.app.api.InviteRequest;
import dev.peernet.app.api.InviteResponse;
import dev.peernet.app.api.JoinRequest;
import dev.peernet.app.api.Json;
import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.api.OfferDecisionRequest;
import dev.peernet.app.api.OfferResponse;
import dev.peernet.app.api.PeerResponse;
import dev.peernet.app.api.PingRequest;
import dev.peernet.app.api.PingResponse;
import dev.peernet.app.api.RemoteShareResponse;
import dev.peernet.app.api.RemoveRequest;
import dev.peernet.app.api.SendRequest;
import dev.peernet.app.api.ShareAddRequest;
import dev.peernet.app.api.ShareRemoveRequest;
import dev.peernet.app.api.ShareResponse;
import dev.peernet.app.api.StatusResponse;
import dev.peernet.app.api.TransferResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the control API of the node running on a state directory: plain HTTP/1.1 on loopback, with
 * {@link HttpURLConnection}. (java.net.http's client builds the JVM's default TLS context when it is
 * made, even for http: URLs; that cost a short-lived command about 100 ms of its 0.4 s, ADR 0008.)
 */
public final class ControlClient implements AutoCloseable {
    /** The API is on loopback: if it does not accept within this, nothing is serving it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Long enough for a dial that waits out the node's 10 s handshake timeout, with room to spare. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final TypeReference<List<PeerResponse>> PEER_LIST = new TypeReference<>() {};
    private static final TypeReference<List<ShareResponse>> SHARE_LIST = new TypeReference<>() {};
    private static final TypeReference<List<RemoteShareResponse>> REMOTE_SHARE_LIST = new TypeReference<>() {};
    private static final TypeReference<List<EntryResponse>> ENTRY_LIST = new TypeReference<>() {};
    private static final TypeReference<List<TransferResponse>> TRANSFER_LIST = new TypeReference<>() {};
    private static final TypeReference<List<OfferResponse>> OFFER_LIST = new TypeReference<>() {};

    /** A search asks every member and waits this long at most for the slowest. */
    private static final Duration FIND_TIMEOUT = Duration.ofSeconds(30);

    private final Path stateDir;
    private final ControlFile control;

    private ControlClient(Path stateDir, ControlFile control) {
        this.stateDir = stateDir;
        this.control = control;
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
        return Json.mapper().readValue(get("status"), StatusResponse.class);
    }

    public List<PeerResponse> peers() throws IOException {
        return Json.mapper().readValue(get("peers"), PEER_LIST);
    }

    public PeerResponse connect(ConnectRequest request) throws IOException {
        return Json.mapper().readValue(post("connect", request), PeerResponse.class);
    }

    public PingResponse ping(PingRequest request) throws IOException {
        return Json.mapper().readValue(post("ping", request), PingResponse.class);
    }

    public NetworkResponse network() throws IOException {
        return Json.mapper().readValue(get("network"), NetworkResponse.class);
    }

    public DoctorResponse doctor() throws IOException {
        return Json.mapper().readValue(get("doctor"), DoctorResponse.class);
    }

    public InviteResponse invite(InviteRequest request) throws IOException {
        return Json.mapper().readValue(post("invites", request), InviteResponse.class);
    }

    public NetworkResponse join(JoinRequest request) throws IOException {
        return Json.mapper().readValue(post("join", request), NetworkResponse.class);
    }

    public MemberResponse remove(RemoveRequest request) throws IOException {
        return Json.mapper().readValue(post("members/remove", request), MemberResponse.class);
    }

    public MemberResponse grant(GrantRequest request) throws IOException {
        return Json.mapper().readValue(post("members/grant", request), MemberResponse.class);
    }

    public List<ShareResponse> shares() throws IOException {
        return Json.mapper().readValue(get("shares"), SHARE_LIST);
    }

    public ShareResponse addShare(ShareAddRequest request) throws IOException {
        return Json.mapper().readValue(post("shares", request), ShareResponse.class);
    }

    public ShareResponse removeShare(ShareRemoveRequest request) throws IOException {
        return Json.mapper().readValue(post("shares/remove", request), ShareResponse.class);
    }

    /** The shares {@code peer} lets this node see. */
    public List<RemoteShareResponse> remoteShares(String peer) throws IOException {
        return Json.mapper().readValue(get("remote/shares" + query("peer", peer)), REMOTE_SHARE_LIST);
    }

    /** One directory of {@code peer}'s share ("" is its root). */
    public List<EntryResponse> remoteEntries(String peer, String share, String path) throws IOException {
        String q = query("peer", peer) + "&share=" + encode(share) + "&path=" + encode(path);
        return Json.mapper().readValue(get("remote/entries" + q), ENTRY_LIST);
    }

    /**
     * Searches every online member, handing each result to {@code hits} as it arrives.
     *
     * @param hash a content hash in hex to match, or null
     */
    public void find(String pattern, String hash, Consumer<HitResponse> hits) throws IOException {
        String q = query("pattern", pattern) + (hash == null ? "" : "&hash=" + encode(hash));
        // Results stream as members answer; the slowest is waited for FIND_TIMEOUT at most.
        HttpURLConnection connection = exchange(request("find" + q, FIND_TIMEOUT.plus(REQUEST_TIMEOUT)), null);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(body(connection), StandardCharsets.UTF_8))) {
            if (connection.getResponseCode() / 100 != 2) {
                String text = String.join("\n", lines.lines().toList());
                throw new ApiException(connection.getResponseCode(), errorSentence(connection.getResponseCode(), text));
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    hits.accept(readHit(line));
                }
            }
        } catch (SocketTimeoutException e) {
            throw notInTime(e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static HitResponse readHit(String line) {
        try {
            return Json.mapper().readValue(line, HitResponse.class);
        } catch (JacksonException e) {
            throw new java.io.UncheckedIOException(new IOException("The node sent a malformed search result.", e));
        }
    }

    public TransferResponse get(GetRequest request) throws IOException {
        return Json.mapper().readValue(post("transfers", request), TransferResponse.class);
    }

    public List<TransferResponse> transfers() throws IOException {
        return Json.mapper().readValue(get("transfers"), TRANSFER_LIST);
    }

    public TransferResponse transfer(String id) throws IOException {
        return Json.mapper().readValue(get("transfers/" + encode(id)), TransferResponse.class);
    }

    /** The transfer's state as soon as it has ended, or after {@code wait} if it is still running. */
    public TransferResponse transfer(String id, Duration wait) throws IOException {
        return Json.mapper()
                .readValue(get("transfers/" + encode(id) + "?waitMillis=" + wait.toMillis()), TransferResponse.class);
    }

    /** Stops a transfer; its verified chunks stay, so the same {@code get} resumes it. */
    public TransferResponse cancel(String id) throws IOException {
        return Json.mapper().readValue(post("transfers/" + encode(id) + "/cancel", Map.of()), TransferResponse.class);
    }

    public OfferResponse sendFiles(SendRequest request) throws IOException {
        return Json.mapper().readValue(post("sends", request), OfferResponse.class);
    }

    /** Outgoing and incoming offers, newest first. */
    public List<OfferResponse> offers() throws IOException {
        return Json.mapper().readValue(get("offers"), OFFER_LIST);
    }

    public OfferResponse accept(OfferDecisionRequest request) throws IOException {
        return Json.mapper().readValue(post("offers/accept", request), OfferResponse.class);
    }

    public OfferResponse decline(OfferDecisionRequest request) throws IOException {
        return Json.mapper().readValue(post("offers/decline", request), OfferResponse.class);
    }

    private static String query(String name, String value) {
        return "?" + name + "=" + encode(value);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpURLConnection request(String endpoint, Duration timeout) throws IOException {
        URI uri = URI.create(control.url() + "/api/v1/" + endpoint);
        // The API is on loopback: never through a proxy the JVM may have been told of.
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Authorization", "Bearer " + control.token());
        return connection;
    }

    private String get(String endpoint) throws IOException {
        return send(request(endpoint, REQUEST_TIMEOUT), null);
    }

    private String post(String endpoint, Object body) throws IOException {
        return send(request(endpoint, REQUEST_TIMEOUT), Json.mapper().writeValueAsBytes(body));
    }

    /** Sends the request (a POST of {@code json} if it is not null) and returns the body of a 2xx answer. */
    private String send(HttpURLConnection connection, byte[] json) throws IOException {
        exchange(connection, json);
        try (InputStream in = body(connection)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw new ApiException(status, errorSentence(status, text));
            }
            return text;
        } catch (SocketTimeoutException e) {
            throw notInTime(e);
        }
    }

    /** Connects and sends; a node that does not accept the connection is no node running. */
    private HttpURLConnection exchange(HttpURLConnection connection, byte[] json) throws IOException {
        try {
            if (json != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
            }
            connection.connect();
        } catch (ConnectException | SocketTimeoutException e) {
            throw new NoNodeRunningException(stateDir);
        }
        try {
            if (json != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(json);
                }
            }
            connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw notInTime(e);
        }
        return connection;
    }

    /** The answer's body, or its error body; empty if it has none. */
    private static InputStream body(HttpURLConnection connection) throws IOException {
        InputStream in =
                connection.getResponseCode() / 100 == 2 ? connection.getInputStream() : connection.getErrorStream();
        return in == null ? InputStream.nullInputStream() : in;
    }

    private IOException notInTime(SocketTimeoutException e) {
        return new IOException("The Peernet node at " + control.url() + " did not answer in time.", e);
    }

    /** Nothing to release: connections are per request, kept alive by the JDK between them. */
    @Override
    public void close() {}

    private String errorSentence(int status, String body) {
        if (status == 401) {
            return "The node rejected the token in " + ControlFile.path(stateDir)
                    + "; another node may have replaced it, so restart this one.";
        }
        try {
            String error = Json.mapper().readValue(body, ErrorResponse.class).error();
            if (error != null) {
                return error;
            }
        } catch (JacksonException e) {
            // Not our API's error body: fall through to the status.
        }
        return "The Peernet node answered HTTP " + status + ".";
    }
}
