package dev.peernet.app.daemon;

import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.ControlServer;
import dev.peernet.app.api.NodeControl;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node with its control API, advertised to commands through {@code control.json}.
 * {@link #close} takes the file down first, so that commands stop finding the node before it stops.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final Path stateDir;
    private final NodeControl node;
    private final ControlServer api;
    private final List<String> notices;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private Daemon(Path stateDir, NodeControl node, ControlServer api, List<String> notices) {
        this.stateDir = stateDir;
        this.node = node;
        this.api = api;
        this.notices = List.copyOf(notices);
    }

    /** Starts a real node and its control API. */
    public static Daemon start(DaemonSettings settings) throws IOException {
        return start(settings, NodeStarter.real());
    }

    /**
     * Starts the node {@code starter} makes, then its control API, then writes {@code control.json}.
     * If a step fails, the steps before it are undone.
     *
     * @throws IllegalArgumentException if the API address is not a loopback address
     * @throws IOException if a node already runs on the state directory, or a start step fails
     */
    public static Daemon start(DaemonSettings settings, NodeStarter starter) throws IOException {
        InetSocketAddress apiAddress = apiAddress(settings);
        ControlServer.requireLoopback(apiAddress);
        RunningCheck.refuseIfRunning(settings.stateDir());
        NodeControl node = starter.start(settings.nodeConfig());
        List<String> notices = new ArrayList<>(node.notices());
        ControlServer api = null;
        try {
            String token = newToken();
            api = startApi(settings, apiAddress, token, node, notices);
            new ControlFile(api.url(), token, ProcessHandle.current().pid()).write(settings.stateDir());
            return new Daemon(settings.stateDir(), node, api, notices);
        } catch (IOException | RuntimeException e) {
            if (api != null) {
                api.close();
            }
            node.close();
            throw e;
        }
    }

    private static InetSocketAddress apiAddress(DaemonSettings settings) {
        InetSocketAddress address =
                settings.api().orElse(DaemonSettings.DEFAULT_API).toSocketAddress();
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(
                    "Cannot resolve the control API host '" + address.getHostString() + "'.");
        }
        return address;
    }

    /** The default API port falls back to a free one; a port the user chose does not. */
    private static ControlServer startApi(
            DaemonSettings settings, InetSocketAddress address, String token, NodeControl node, List<String> notices)
            throws IOException {
        try {
            return ControlServer.start(address, token, node, settings.clock());
        } catch (BindException e) {
            if (settings.api().isPresent() || address.getPort() == 0) {
                throw e;
            }
            ControlServer api =
                    ControlServer.start(new InetSocketAddress(address.getAddress(), 0), token, node, settings.clock());
            notices.add("Control API port " + address.getPort() + " is taken, so the API listens on " + api.url()
                    + " instead.");
            return api;
        }
    }

    /** 256 random bits, URL-safe: the bearer token commands read from {@code control.json}. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public NodeControl node() {
        return node;
    }

    public String apiUrl() {
        return api.url();
    }

    /** Start-up messages from the node and the daemon, such as port fallbacks. */
    public List<String> notices() {
        return notices;
    }

    /** Every address the node listens on, formatted {@code host:port}. */
    public List<String> listenAddresses() {
        return node.listenAddresses().stream().map(HostPort::format).toList();
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Removes {@code control.json}, stops the API, then closes the node; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            ControlFile.delete(stateDir);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", ControlFile.path(stateDir), e.getMessage());
        }
        try {
            api.close();
        } finally {
            node.close();
            stopped.countDown();
        }
    }
}
