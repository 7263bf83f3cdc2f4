package dev.peernet.app.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;

/** The running control API; {@link #start} binds it, {@link #close} stops it. */
public interface ControlServer extends AutoCloseable {
    /** The base URL clients use, such as {@code http://127.0.0.1:7708}. */
    String url();

    /** Stops serving; idempotent. */
    @Override
    void close();

    /**
     * Serves the control API for {@code node} on {@code bind}, a loopback address (port 0 picks a
     * free port). Every request must carry {@code Authorization: Bearer token}.
     *
     * @throws IllegalArgumentException if {@code bind} is not a loopback address
     * @throws java.net.BindException if the address is taken or cannot be bound
     */
    static ControlServer start(InetSocketAddress bind, String token, NodeControl node, InstantSource clock)
            throws IOException {
        requireLoopback(bind);
        return JdkControlServer.start(bind, token, new ControlService(node, clock));
    }

    /**
     * Refuses addresses other computers could reach: anyone who can reach the API can drive the
     * node, and the bearer token travels in clear text.
     */
    static void requireLoopback(InetSocketAddress bind) {
        if (bind.isUnresolved() || !bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The control API listens only on loopback addresses such as "
                    + "127.0.0.1 or [::1], not " + bind.getHostString() + ".");
        }
    }
}
