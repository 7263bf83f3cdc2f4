package dev.peernet.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peernet.node.HostPort;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ControlServer} on Javalin 7 (Jetty), serving requests on virtual threads. */
final class JavalinControlServer implements ControlServer {
    private static final Logger log = LoggerFactory.getLogger(JavalinControlServer.class);
    private static final String PREFIX = "/api/v1/";

    private final Javalin app;
    private final String url;

    private JavalinControlServer(Javalin app, String url) {
        this.app = app;
        this.url = url;
    }

    static ControlServer start(InetSocketAddress bind, String token, ControlService service) throws BindException {
        AtomicReference<String> url = new AtomicReference<>();
        Javalin app = Javalin.create(config -> configure(config, new Routes(token, service, url)));
        try {
            app.start(bind.getAddress().getHostAddress(), bind.getPort());
        } catch (RuntimeException e) {
            app.stop();
            throw bindFailure(bind, e);
        }
        url.set("http://" + HostPort.format(new InetSocketAddress(bind.getAddress(), app.port())));
        return new JavalinControlServer(app, url.get());
    }

    private static void configure(JavalinConfig config, Routes routes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.routes.before(routes::authorize);
        config.routes.get(PREFIX + "status", routes::status);
        config.routes.get(PREFIX + "peers", routes::peers);
        config.routes.post(PREFIX + "connect", routes::connect);
        config.routes.post(PREFIX + "ping", routes::ping);
        config.routes.get(PREFIX + "network", routes::network);
        config.routes.get(PREFIX + "doctor", routes::doctor);
        config.routes.post(PREFIX + "invites", routes::invite);
        config.routes.post(PREFIX + "join", routes::join);
        config.routes.post(PREFIX + "members/remove", routes::remove);
        config.routes.post(PREFIX + "members/grant", routes::grant);
        config.routes.get(PREFIX + "shares", routes::shares);
        config.routes.post(PREFIX + "shares", routes::addShare);
        config.routes.post(PREFIX + "shares/remove", routes::removeShare);
        config.routes.get(PREFIX + "remote/shares", routes::remoteShares);
        config.routes.get(PREFIX + "remote/entries", routes::remoteEntries);
        config.routes.get(PREFIX + "find", routes::find);
        config.routes.get(PREFIX + "transfers", routes::transfers);
        config.routes.post(PREFIX + "transfers", routes::get);
        config.routes.get(PREFIX + "transfers/{id}", routes::transfer);
        config.routes.post(PREFIX + "transfers/{id}/cancel", routes::cancel);
        config.routes.post(PREFIX + "sends", routes::send);
        config.routes.get(PREFIX + "offers", routes::offers);
        config.routes.post(PREFIX + "offers/accept", routes::accept);
        config.routes.post(PREFIX + "offers/decline", routes::decline);
        config.routes.exception(ApiProblem.class, (e, ctx) -> fail(ctx, e.status(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> fail(ctx, e.getStatus(), httpError(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.warn("Control API request {} {} failed", ctx.method(), ctx.path(), e);
            fail(ctx, 500, "The node failed to answer: " + Sentences.of(e));
        });
    }

    private static void fail(Context ctx, int status, String sentence) {
        ctx.status(status).json(new ErrorResponse(sentence));
    }

    private static String httpError(HttpResponseException e) {
        return e.getStatus() == ApiProblem.NOT_FOUND ? "There is no such endpoint." : Sentences.of(e);
    }

    /** Jetty wraps the JDK's BindException twice; its message ("Address already in use") says it best. */
    private static BindException bindFailure(InetSocketAddress bind, RuntimeException e) {
        BindException jdk = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                jdk = b;
            }
        }
        if (jdk == null) {
            throw e;
        }
        String reason = jdk.getMessage() == null ? "cannot bind" : jdk.getMessage();
        BindException failure =
                new BindException(Sentences.of("Cannot listen for the control API on " + HostPort.format(bind) + ": "
                        + reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1)));
        failure.initCause(e);
        return failure;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The request handlers; the URL is only known once the server has bound its port. */
    private record Routes(String token, ControlService service, AtomicReference<String> url) {
        void authorize(Context ctx) {
            String header = ctx.header("Authorization");
            byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
            byte[] wanted = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, wanted)) {
                throw new ApiProblem(
                        ApiProblem.UNAUTHORIZED, "The request lacks the bearer token from the node's control.json.");
            }
        }

        void status(Context ctx) {
            ctx.json(service.status(url.get()));
        }

        void doctor(Context ctx) {
            ctx.json(service.doctor());
        }

        void peers(Context ctx) {
            ctx.json(service.peers());
        }

        void connect(Context ctx) {
            ctx.json(service.connect(body(ctx, ConnectRequest.class)));
        }

        void ping(Context ctx) {
            ctx.json(service.ping(body(ctx, PingRequest.class)));
        }

        void network(Context ctx) {
            ctx.json(service.network());
        }

        void invite(Context ctx) {
            ctx.json(service.invite(body(ctx, InviteRequest.class)));
        }

        void join(Context ctx) {
            ctx.json(service.join(body(ctx, JoinRequest.class)));
        }

        void remove(Context ctx) {
            ctx.json(service.remove(body(ctx, RemoveRequest.class)));
        }

        void grant(Context ctx) {
            ctx.json(service.grant(body(ctx, GrantRequest.class)));
        }

        void shares(Context ctx) {
            ctx.json(service.shares());
        }

        void addShare(Context ctx) {
            ctx.json(service.addShare(body(ctx, ShareAddRequest.class)));
        }

        void removeShare(Context ctx) {
            ctx.json(service.removeShare(body(ctx, ShareRemoveRequest.class)));
        }

        void remoteShares(Context ctx) {
            ctx.json(service.sharing().remoteShares(ctx.queryParam("peer")));
        }

        void remoteEntries(Context ctx) {
            ctx.json(service.sharing()
                    .remoteEntries(ctx.queryParam("peer"), ctx.queryParam("share"), ctx.queryParam("path")));
        }

        /** Newline-delimited JSON, one hit per line, flushed as each member answers. */
        void find(Context ctx) throws java.io.IOException {
            ctx.contentType("application/x-ndjson");
            java.io.OutputStream out = ctx.outputStream();
            java.io.IOException[] failed = new java.io.IOException[1];
            service.sharing().find(ctx.queryParam("pattern"), ctx.queryParam("hash"), hit -> {
                if (failed[0] != null) {
                    return; // the client went away: the search ends by itself
                }
                try {
                    out.write((Json.compact(hit) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (java.io.IOException e) {
                    failed[0] = e;
                }
            });
        }

        void transfers(Context ctx) {
            ctx.json(service.sharing().transfers());
        }

        void get(Context ctx) {
            ctx.json(service.sharing().get(body(ctx, GetRequest.class)));
        }

        void transfer(Context ctx) throws InterruptedException {
            String wait = ctx.queryParam("waitMillis");
            Duration upTo = Duration.ZERO;
            if (wait != null) {
                try {
                    upTo = Duration.ofMillis(Math.max(0, Long.parseLong(wait)));
                } catch (NumberFormatException e) {
                    throw new ApiProblem(
                            ApiProblem.BAD_REQUEST, "waitMillis must be a number of milliseconds, not '" + wait + "'.");
                }
            }
            ctx.json(service.sharing().transfer(ctx.pathParam("id"), upTo));
        }

        void cancel(Context ctx) {
            ctx.json(service.sharing().cancel(ctx.pathParam("id")));
        }

        void send(Context ctx) {
            ctx.json(service.sharing().send(body(ctx, SendRequest.class)));
        }

        void offers(Context ctx) {
            ctx.json(service.sharing().offers());
        }

        void accept(Context ctx) {
            ctx.json(service.sharing().accept(body(ctx, OfferDecisionRequest.class)));
        }

        void decline(Context ctx) {
            ctx.json(service.sharing().decline(body(ctx, OfferDecisionRequest.class)));
        }

        private static <T> T body(Context ctx, Class<T> type) {
            try {
                return Json.mapper().readValue(ctx.body(), type);
            } catch (JsonProcessingException e) {
                throw new ApiProblem(ApiProblem.BAD_REQUEST, "The request body is not the JSON this endpoint expects.");
            }
        }
    }
}
