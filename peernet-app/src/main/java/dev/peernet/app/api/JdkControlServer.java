package dev.peernet.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ControlServer} on the JDK's own HTTP server ({@code jdk.httpserver}), serving requests on
 * virtual threads (ADR 0016: it replaced Javalin and Jetty, which with Kotlin's library were about
 * 1 500 of the node's classes, for a loopback API of 25 endpoints).
 *
 * <p>Every request needs the bearer token, then is routed by method and path; a path segment
 * written {@code {name}} matches any one segment. Answers are JSON, errors an {@link ErrorResponse}
 * with the status; {@code find} streams newline-delimited JSON.
 */
final class JdkControlServer implements ControlServer {
    private static final Logger log = LoggerFactory.getLogger(JdkControlServer.class);
    private static final String PREFIX = "/api/v1/";

    /** The largest request body read: the API's requests are a few hundred bytes. */
    static final int MAX_BODY = 1 << 20;

    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final int METHOD_NOT_ALLOWED = 405;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String url;

    private JdkControlServer(HttpServer server, ExecutorService threads, String url) {
        this.server = server;
        this.threads = threads;
        this.url = url;
    }

    static ControlServer start(InetSocketAddress bind, String token, ControlService service) throws BindException {
        HttpServer server;
        try {
            server = HttpServer.create(bind, 0);
        } catch (BindException e) {
            throw bindFailure(bind, e);
        } catch (IOException e) {
            BindException failure = new BindException(
                    Sentences.of("Cannot listen for the control API on " + HostPort.format(bind) + ": " + e));
            failure.initCause(e);
            throw failure;
        }
        String url = "http://"
                + HostPort.format(new InetSocketAddress(
                        bind.getAddress(), server.getAddress().getPort()));
        Router router = new Router(token, routes(service, url));
        ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("peernet-api-", 0).factory());
        server.createContext("/", router::handle);
        server.setExecutor(threads);
        server.start();
        return new JdkControlServer(server, threads, url);
    }

    private static List<Route> routes(ControlService service, String url) {
        SharingService sharing = service.sharing();
        return List.of(
                new Route("GET", "status", r -> r.json(service.status(url))),
                new Route("GET", "peers", r -> r.json(service.peers())),
                new Route("POST", "connect", r -> r.json(service.connect(r.body(ConnectRequest.class)))),
                new Route("POST", "ping", r -> r.json(service.ping(r.body(PingRequest.class)))),
                new Route("GET", "network", r -> r.json(service.network())),
                new Route("GET", "doctor", r -> r.json(service.doctor())),
                new Route("POST", "invites", r -> r.json(service.invite(r.body(InviteRequest.class)))),
                new Route("POST", "join", r -> r.json(service.join(r.body(JoinRequest.class)))),
                new Route("POST", "members/remove", r -> r.json(service.remove(r.body(RemoveRequest.class)))),
                new Route("POST", "members/grant", r -> r.json(service.grant(r.body(GrantRequest.class)))),
                new Route("GET", "shares", r -> r.json(service.shares())),
                new Route("POST", "shares", r -> r.json(service.addShare(r.body(ShareAddRequest.class)))),
                new Route("POST", "shares/remove", r -> r.json(service.removeShare(r.body(ShareRemoveRequest.class)))),
                new Route("GET", "remote/shares", r -> r.json(sharing.remoteShares(r.queryParam("peer")))),
                new Route(
                        "GET",
                        "remote/entries",
                        r -> r.json(sharing.remoteEntries(
                                r.queryParam("peer"), r.queryParam("share"), r.queryParam("path")))),
                new Route("GET", "find", r -> find(sharing, r)),
                new Route("GET", "transfers", r -> r.json(sharing.transfers())),
                new Route("POST", "transfers", r -> r.json(sharing.get(r.body(GetRequest.class)))),
                new Route("GET", "transfers/{id}", r -> r.json(sharing.transfer(r.pathParam("id"), waitUpTo(r)))),
                new Route("POST", "transfers/{id}/cancel", r -> r.json(sharing.cancel(r.pathParam("id")))),
                new Route("POST", "sends", r -> r.json(sharing.send(r.body(SendRequest.class)))),
                new Route("GET", "offers", r -> r.json(sharing.offers())),
                new Route("POST", "offers/accept", r -> r.json(sharing.accept(r.body(OfferDecisionRequest.class)))),
                new Route("POST", "offers/decline", r -> r.json(sharing.decline(r.body(OfferDecisionRequest.class)))));
    }

    /** Newline-delimited JSON, one hit per line, flushed as each member answers. */
    private static void find(SharingService sharing, Request r) throws IOException {
        OutputStream[] out = new OutputStream[1];
        IOException[] failed = new IOException[1];
        // The search checks its arguments before the first hit, so a bad one is still a 400.
        sharing.find(r.queryParam("pattern"), r.queryParam("hash"), hit -> {
            if (failed[0] != null) {
                return; // the client went away: the search ends by itself
            }
            try {
                if (out[0] == null) {
                    out[0] = r.ndjson();
                }
                out[0].write((Json.compact(hit) + "\n").getBytes(StandardCharsets.UTF_8));
                out[0].flush();
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (out[0] == null && failed[0] == null) {
            var unused = r.ndjson(); // no hit at all: an empty stream
        }
    }

    /** How long a transfer's status may wait for its end ({@code waitMillis}, none by default). */
    private static Duration waitUpTo(Request r) {
        String wait = r.queryParam("waitMillis");
        if (wait == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(wait)));
        } catch (NumberFormatException e) {
            throw new ApiProblem(
                    ApiProblem.BAD_REQUEST, "waitMillis must be a number of milliseconds, not '" + wait + "'.");
        }
    }

    /** The JDK's message ("Address already in use") says it best. */
    private static BindException bindFailure(InetSocketAddress bind, BindException jdk) {
        String reason = jdk.getMessage() == null ? "cannot bind" : jdk.getMessage();
        BindException failure =
                new BindException(Sentences.of("Cannot listen for the control API on " + HostPort.format(bind) + ": "
                        + reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1)));
        failure.initCause(jdk);
        return failure;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** What a handler does with one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request) throws Exception;
    }

    /** A method and a path below {@code /api/v1/}, whose {@code {name}} segments match any one segment. */
    record Route(String method, List<String> pattern, Handler handler) {
        Route(String method, String path, Handler handler) {
            this(method, List.of(path.split("/")), handler);
        }

        /** The path's parameters if {@code segments} matches it, whatever the method; a parameter is never empty. */
        Optional<Map<String, String>> match(List<String> segments) {
            List<String> mine = pattern;
            if (mine.size() != segments.size()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < mine.size(); i++) {
                String m = mine.get(i);
                if (m.startsWith("{") && m.endsWith("}") && !segments.get(i).isEmpty()) {
                    parameters.put(m.substring(1, m.length() - 1), segments.get(i));
                } else if (!m.equals(segments.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    /** One request: its parameters, its body, and the one answer it gets. */
    static final class Request {
        private final HttpExchange exchange;
        private final Map<String, String> pathParameters;
        private final Map<String, String> query;

        Request(HttpExchange exchange, Map<String, String> pathParameters) {
            this.exchange = exchange;
            this.pathParameters = pathParameters;
            this.query = query(exchange.getRequestURI().getRawQuery());
        }

        /** The first value of query parameter {@code name}, or null. */
        String queryParam(String name) {
            return query.get(name);
        }

        String pathParam(String name) {
            return pathParameters.get(name);
        }

        /** The body as the JSON of {@code type}; 400 if it is not, 413 if it is over {@link #MAX_BODY}. */
        <T> T body(Class<T> type) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new ApiProblem(
                        PAYLOAD_TOO_LARGE,
                        "The request body is over " + (MAX_BODY >> 20) + " MiB; this API takes a few hundred bytes.");
            }
            try {
                return Json.mapper().readValue(body, type);
            } catch (JsonProcessingException e) {
                throw new ApiProblem(ApiProblem.BAD_REQUEST, "The request body is not the JSON this endpoint expects.");
            }
        }

        /** Answers 200 with {@code value} as JSON. */
        void json(Object value) throws IOException {
            send(exchange, 200, Json.mapper().writeValueAsBytes(value));
        }

        /** Answers 200 and streams newline-delimited JSON; the stream's length is not known up front. */
        OutputStream ndjson() throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            return exchange.getResponseBody();
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> values = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return values;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
            return values;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(ApiProblem.BAD_REQUEST, "The query string is not well-formed: " + e.getMessage());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** The bearer token, then the route; every failure becomes a status and a sentence. */
    private record Router(String token, List<Route> routes) {
        void handle(HttpExchange exchange) {
            try (exchange) {
                try {
                    authorize(exchange);
                    route(exchange);
                } catch (ApiProblem e) {
                    fail(exchange, e.status(), e.getMessage());
                } catch (Exception e) {
                    if (e instanceof IOException && exchange.getResponseCode() != -1) {
                        // the answer had begun: the client went away (Ctrl-C during a wait or a search)
                        log.debug("Control API client went away during the answer: {}", e.toString());
                        return;
                    }
                    log.warn(
                            "Control API request {} {} failed",
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            e);
                    fail(exchange, ApiProblem.SERVER_ERROR, "The node failed to answer: " + Sentences.of(e));
                }
            } catch (IOException e) {
                log.debug("Control API client went away: {}", e.toString());
            }
        }

        private void authorize(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
            byte[] wanted = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, wanted)) {
                throw new ApiProblem(
                        ApiProblem.UNAUTHORIZED, "The request lacks the bearer token from the node's control.json.");
            }
        }

        private void route(HttpExchange exchange) throws Exception {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(PREFIX)) {
                throw new ApiProblem(ApiProblem.NOT_FOUND, "There is no such endpoint.");
            }
            String below = path.substring(PREFIX.length());
            if (below.endsWith("/")) { // one trailing slash is the same endpoint, as it was with Javalin
                below = below.substring(0, below.length() - 1);
            }
            List<String> segments = List.of(below.split("/", -1));
            String method = exchange.getRequestMethod();
            List<String> allowed = new ArrayList<>();
            for (Route r : routes) {
                Optional<Map<String, String>> parameters = r.match(segments);
                if (parameters.isEmpty()) {
                    continue;
                }
                if (r.method().equals(method)) {
                    r.handler().handle(new Request(exchange, parameters.get()));
                    return;
                }
                allowed.add(r.method());
            }
            if (allowed.isEmpty()) {
                throw new ApiProblem(ApiProblem.NOT_FOUND, "There is no such endpoint.");
            }
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new ApiProblem(
                    METHOD_NOT_ALLOWED,
                    "This endpoint takes " + allowed.stream().collect(Collectors.joining(" or ")) + ", not " + method
                            + ".");
        }

        private static void fail(HttpExchange exchange, int status, String sentence) throws IOException {
            if (exchange.getResponseCode() != -1) {
                return; // the answer had begun (a stream): it ends where it got to
            }
            send(exchange, status, Json.mapper().writeValueAsBytes(new ErrorResponse(sentence)));
        }
    }
}
