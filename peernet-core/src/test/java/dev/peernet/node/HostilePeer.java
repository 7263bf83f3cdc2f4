package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.peernet.identity.NodeIdentity;
import dev.peernet.identity.PeerId;
import dev.peernet.ping.PingProtocol;
import dev.peernet.transport.tls.TlsSettings;
import dev.peernet.wire.Frame;
import dev.peernet.wire.FrameCodec;
import dev.peernet.wire.FrameReader;
import dev.peernet.wire.Frames;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A misbehaving peer for tests: it completes TLS with a real node under an identity of its own,
 * then writes whatever bytes or frames a test scripts and reads back what the node answers. Reads
 * answer the node's keepalive PINGs, so only the frames a test asks for matter.
 */
final class HostilePeer implements AutoCloseable {
    /** A node answers a violation at once; this only bounds a test that would otherwise hang. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** The largest payload a frame header can declare, so the reader accepts anything the node sends. */
    private static final int ANY_PAYLOAD = 0xFFFFFF;

    private final NodeIdentity identity = NodeIdentity.generate();
    private final SSLSocket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private final List<Frame> received = new ArrayList<>();
    private boolean outputShut;

    /**
     * A peer the node admitted as a member by its ID, so that its streams reach the protocols and
     * what it does wrong is judged by the session layer, not refused for membership.
     */
    private HostilePeer(Node target, Optional<InetAddress> from) throws IOException {
        try {
            target.membership().admit(identity.peerId(), "hostile");
        } catch (dev.peernet.membership.MembershipException e) {
            throw new IOException(e.getMessage(), e);
        }
        InetSocketAddress node = TestNodes.addressOf(target);
        SSLContext context = TlsSettings.context(identity);
        Socket raw = rawSocket(node, from);
        socket = (SSLSocket) context.getSocketFactory().createSocket(raw, node.getHostString(), node.getPort(), true);
        socket.setSSLParameters(TlsSettings.parameters(context));
        socket.setUseClientMode(true);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.startHandshake();
        out = socket.getOutputStream();
        reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), ANY_PAYLOAD);
    }

    /** Completes TLS with {@code node} and sends nothing more. */
    static HostilePeer dial(Node node) throws IOException {
        return new HostilePeer(node, Optional.empty());
    }

    /** Completes TLS with {@code node} from the local address {@code from}, e.g. 127.0.0.2. */
    static HostilePeer dialFrom(InetAddress from, Node node) throws IOException {
        return new HostilePeer(node, Optional.of(from));
    }

    /** Completes TLS and a valid HELLO exchange, so that the session with the node is up. */
    static HostilePeer connect(Node node) throws IOException {
        HostilePeer peer = dial(node);
        peer.hello();
        return peer;
    }

    /** A plain TCP socket to {@code node}, optionally bound to a local address, reading with a timeout. */
    static Socket rawSocket(InetSocketAddress node, Optional<InetAddress> from) throws IOException {
        Socket raw = new Socket();
        if (from.isPresent()) {
            raw.bind(new InetSocketAddress(from.get(), 0));
        }
        raw.connect(node, (int) READ_TIMEOUT.toMillis());
        raw.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return raw;
    }

    /** The ID this peer proves in TLS; the node names it (in short form) in its log lines. */
    PeerId peerId() {
        return identity.peerId();
    }

    /** Sends a valid HELLO and returns the node's, which the node sends without waiting for ours. */
    Frame.Hello hello() throws IOException {
        send(new Frame.Hello(1, 1, "hostile", List.of(), List.of(), 65536, 262144));
        return readHello();
    }

    /** Reads the node's HELLO without sending one. */
    Frame.Hello readHello() throws IOException {
        Frame first = readFrame();
        assertThat(first).as("the node's first frame").isInstanceOf(Frame.Hello.class);
        return (Frame.Hello) first;
    }

    void send(Frame frame) throws IOException {
        write(FrameCodec.encode(frame));
    }

    /** Writes a frame header declaring {@code length} payload bytes, then {@code payload} as given. */
    void sendRaw(int length, int type, int flags, int streamId, byte[] payload) throws IOException {
        out.write(Frames.header(length, type, flags, streamId));
        write(payload);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends this side of the connection (TLS close_notify) while still reading the node's answer. */
    void shutdownOutput() throws IOException {
        outputShut = true;
        socket.shutdownOutput();
    }

    /** The next frame, or null when the node closed the connection between frames. */
    Frame readFrame() throws IOException {
        Frame frame = reader.read();
        if (frame != null) {
            received.add(frame);
        }
        return frame;
    }

    /** Every frame read from the node so far, skipped ones included. */
    List<Frame> received() {
        return List.copyOf(received);
    }

    /** Reads until a frame matching {@code wanted} arrives, answering PINGs; fails on close or timeout. */
    <T extends Frame> T await(Class<T> type, Predicate<T> wanted) throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = readFrame();
            if (frame == null) {
                return fail("the node closed the connection before sending a %s", type.getSimpleName());
            }
            if (frame instanceof Frame.Ping ping && !outputShut) {
                send(new Frame.Pong(ping.nonce()));
            } else if (type.isInstance(frame) && wanted.test(type.cast(frame))) {
                return type.cast(frame);
            }
        }
        return fail("no %s from the node within %s", type.getSimpleName(), READ_TIMEOUT);
    }

    Frame.GoAway awaitGoAway() throws IOException {
        return await(Frame.GoAway.class, g -> true);
    }

    Frame.Reset awaitReset(int streamId) throws IOException {
        return await(Frame.Reset.class, r -> r.streamId() == streamId);
    }

    Frame.Accept awaitAccept(int streamId) throws IOException {
        return await(Frame.Accept.class, a -> a.streamId() == streamId);
    }

    Frame.Data awaitData(int streamId) throws IOException {
        return await(Frame.Data.class, d -> d.streamId() == streamId && d.payload().length > 0);
    }

    /**
     * Opens a ping stream with ID {@code streamId}, sends one probe and checks the node echoes it:
     * the session is still up and serving streams.
     */
    void assertPingStreamWorks(int streamId) throws IOException {
        send(new Frame.Open(streamId, PingProtocol.NAME));
        awaitAccept(streamId);
        byte[] probe = new byte[32];
        new Random(streamId).nextBytes(probe);
        send(new Frame.Data(streamId, false, probe));
        var echo = new ByteArrayOutputStream();
        while (echo.size() < probe.length) {
            echo.writeBytes(awaitData(streamId).payload());
        }
        assertThat(echo.toByteArray()).as("the echo on stream %d", streamId).isEqualTo(probe);
    }

    /** Reads and discards frames until the node closes the connection; fails if it stays open. */
    void awaitClosed() {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            while (readFrame() != null) {
                if (System.nanoTime() > deadline) {
                    fail("the node kept the connection open for more than %s", READ_TIMEOUT);
                }
            }
        } catch (SocketTimeoutException e) {
            fail("the node kept the connection open for more than %s", READ_TIMEOUT);
        } catch (IOException e) {
            // a reset, an aborted TLS record or a cut frame also means the node dropped the connection
        }
    }

    /** Drains {@code in} until end of stream or a reset; fails if the peer keeps it open past the timeout. */
    static void assertClosedByNode(InputStream in) {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard: only the end of the stream matters
            }
        } catch (SocketTimeoutException e) {
            fail("the node kept the connection open for more than %s", READ_TIMEOUT);
        } catch (IOException e) {
            // a reset or an aborted TLS record also means the node dropped the connection
        }
    }

    /**
     * Checks that {@code node} still serves well-behaved peers: a fresh node connects, proves the
     * expected peer ID and gets a ping answered.
     */
    static void assertStillServes(TestNodes nodes, Node node) throws IOException {
        Node friend = nodes.start("friend-" + System.nanoTime());
        PeerInfo reached = friend.connect(TestNodes.addressOf(node), Optional.of(node.id()));
        assertThat(reached.id()).isEqualTo(node.id());
        assertThat(friend.ping(node.id())).isPositive().isLessThan(Duration.ofSeconds(2));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
