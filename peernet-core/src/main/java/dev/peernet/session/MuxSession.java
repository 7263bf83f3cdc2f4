package dev.peernet.session;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import dev.peernet.wire.BufferPool;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.Frame;
import dev.peernet.wire.FrameCodec;
import dev.peernet.wire.FrameException;
import dev.peernet.wire.FrameReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multiplexed session over one {@link SecureLink}: one reader thread dispatching frames, one
 * writer thread draining the {@link OutboundQueue}, and a keepalive tick. Never blocks the reader on
 * a slow stream: each stream's buffered input is bounded by the window it granted.
 */
final class MuxSession implements Session {
    private static final Logger log = LoggerFactory.getLogger(MuxSession.class);

    /** Full-sized frames kept for reuse per direction: 64 x 64 KiB, one default window's worth. */
    static final int POOLED_FRAMES = 64;

    /** How long a failed write waits for the reader to find the peer's GOAWAY or end of stream. */
    static final long WRITE_FAILURE_GRACE_MS = 1000;

    private final SecureLink link;
    private final FrameReader reader;
    private final Direction direction;
    private final SessionConfig config;
    private final PeerHello remoteHello;
    private final Protocols protocols;
    private final int peerInitialWindow;
    private final int maxDataPayload;
    private final Instant establishedAt;
    private final OutboundQueue queue = new OutboundQueue();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final byte[] directHeader = new byte[FrameCodec.HEADER_BYTES];
    private final OutputStream out;
    private final BufferPool sendFrames;
    private final BufferPool receivedPayloads;
    private final ConcurrentHashMap<Integer, MuxStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextStreamId;
    private final Object openLock = new Object();
    private final AtomicInteger inboundStreams = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Keepalive keepalive;
    private final ReadLeadership leadership = new ReadLeadership(this::readFrame);
    private volatile CloseReason closeReason;
    private int lastRemoteStreamId;
    private volatile long lastStreamActivity;

    MuxSession(
            SecureLink link,
            FrameReader reader,
            BufferPool receivedPayloads,
            Direction direction,
            SessionConfig config,
            Frame.Hello hello,
            int agreedVersion,
            Protocols protocols) {
        this.link = link;
        this.reader = reader;
        this.direction = direction;
        this.config = config;
        this.protocols = protocols;
        this.remoteHello = new PeerHello(agreedVersion, hello.name(), hello.listenAddresses(), hello.capabilities());
        this.peerInitialWindow = hello.initialWindow();
        this.maxDataPayload = Math.min(SessionConfig.DATA_FRAME_PAYLOAD, hello.maxFramePayload());
        this.establishedAt = config.clock().instant();
        this.nextStreamId = new AtomicInteger(direction == Direction.OUTBOUND ? 1 : 2);
        this.lastStreamActivity = config.nanoTime().getAsLong();
        this.keepalive = new Keepalive(this, config);
        this.out = new BufferedOutputStream(link.output(), 16 * 1024);
        this.sendFrames = new BufferPool(FrameCodec.HEADER_BYTES + maxDataPayload, POOLED_FRAMES);
        this.receivedPayloads = receivedPayloads;
    }

    void start() {
        String name = "peernet-session-" + remotePeer().shortForm();
        // The reader is a platform thread: it is always busy or blocked in a socket read, and a
        // virtual thread's blocking read goes through the JDK poller each time the socket runs dry,
        // which cost about 15% of bulk throughput in bench/transport-throughput.sh (ADR 0002).
        Thread.ofPlatform().daemon().name(name + "-reader").start(leadership::runReader);
        Thread.ofVirtual().name(name + "-writer").start(this::writeLoop);
        keepalive.start();
    }

    // ---- Session -------------------------------------------------------------------------------

    @Override
    public PeerId remotePeer() {
        return link.remotePeer();
    }

    @Override
    public PeerHello remoteHello() {
        return remoteHello;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public String remoteAddress() {
        return link.remoteAddress();
    }

    @Override
    public Instant establishedAt() {
        return establishedAt;
    }

    @Override
    public Optional<Duration> rtt() {
        return keepalive.rtt();
    }

    @Override
    public boolean isOpen() {
        return !closing.get();
    }

    @Override
    public CompletableFuture<CloseReason> closed() {
        return closed;
    }

    @Override
    public Stream openStream(String protocol) throws IOException {
        if (!isOpen()) {
            throw closedException();
        }
        MuxStream stream;
        synchronized (openLock) { // OPENs must reach the wire in ID order: the peer refuses a lower ID
            int id = nextStreamId.getAndAdd(2);
            stream = new MuxStream(this, id, protocol, peerInitialWindow, config.initialWindow(), maxDataPayload);
            streams.put(id, stream);
            touchStreams();
            queue.control(FrameCodec.encode(new Frame.Open(id, protocol)));
        }
        if (!isOpen()) {
            stream.fail(closedException());
        }
        try {
            stream.accepted().get(config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return stream;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SessionException se) {
                throw new SessionException(se.code(), se.getMessage(), se);
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            resetStream(stream, ErrorCode.CANCELLED, "no answer to OPEN in time", false);
            throw new SessionException(
                    ErrorCode.CANCELLED, "the peer did not answer the request to open " + protocol + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resetStream(stream, ErrorCode.CANCELLED, "interrupted", false);
            throw new SessionException(ErrorCode.CANCELLED, "interrupted while opening " + protocol);
        }
    }

    @Override
    public void close(ErrorCode code, String message) {
        shutdown(new CloseReason(code, message, false));
    }

    // ---- used by streams and keepalive ---------------------------------------------------------

    /**
     * Sends {@code len} bytes of {@code src} as one DATA frame of a stream. When nothing is queued
     * and no one is writing, the calling thread writes the frame itself, straight from {@code src}:
     * no copy and no hand-off to the writer thread. Otherwise the bytes are copied into a frame
     * queued behind the stream's earlier frames. Only application threads come here, never the
     * reader, so the reader never blocks on the socket.
     */
    void sendData(int streamId, boolean fin, byte[] src, int off, int len) {
        touchStreams();
        if (writeLock.tryLock()) {
            try {
                if (queue.isIdle()) {
                    writeDirectly(streamId, fin, src, off, len);
                    return;
                }
            } finally {
                writeLock.unlock();
            }
        }
        queue.data(streamId, FrameCodec.data(streamId, fin, src, off, len, sendFrames));
    }

    private void writeDirectly(int streamId, boolean fin, byte[] src, int off, int len) {
        try {
            FrameCodec.dataHeader(directHeader, streamId, fin, len);
            out.write(directHeader);
            out.write(src, off, len);
            out.flush();
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    String remoteHost() {
        return link.remoteHost();
    }

    byte[] channelBinding() {
        return link.channelBinding();
    }

    ReadLeadership leadership() {
        return leadership;
    }

    /** Makes a thread blocked reading the connection for a stream return: the peer's PONG wakes it. */
    void wakeLeader() {
        sendControl(new Frame.Ping(0));
    }

    /** Takes back a received DATA payload once its stream has consumed or dropped it. */
    void releaseReceived(byte[] payload) {
        receivedPayloads.give(payload);
    }

    void sendControl(Frame frame) {
        queue.control(FrameCodec.encode(frame));
    }

    void sendWindowUpdate(int streamId, int increment) {
        sendControl(new Frame.WindowUpdate(streamId, increment));
    }

    /**
     * Resets a stream: tells the peer (in stream order if {@code ordered}, else at once) and fails
     * it locally.
     */
    void resetStream(MuxStream stream, ErrorCode code, String message, boolean ordered) {
        byte[] frame = FrameCodec.encode(new Frame.Reset(stream.id(), code, message));
        if (ordered) {
            queue.data(stream.id(), frame);
        } else {
            queue.control(frame);
        }
        stream.fail(new SessionException(code, "stream " + stream.protocol() + " was reset: " + message));
    }

    void forget(MuxStream stream) {
        if (streams.remove(stream.id(), stream) && isInbound(stream.id())) {
            inboundStreams.decrementAndGet();
        }
    }

    private boolean isInbound(int streamId) {
        return (streamId % 2 == 1) == (direction == Direction.INBOUND);
    }

    boolean hasStreams() {
        return !streams.isEmpty();
    }

    long lastStreamActivity() {
        return lastStreamActivity;
    }

    private void touchStreams() {
        lastStreamActivity = config.nanoTime().getAsLong();
    }

    // ---- reader -------------------------------------------------------------------------------

    /**
     * Reads and dispatches one frame, on whichever thread leads (see {@link ReadLeadership}).
     * DATA for {@code into}'s stream goes straight into its consumer's buffer when it can.
     */
    private int readFrame(ReadLeadership.DirectRead into) {
        try {
            FrameReader.Header header = reader.readHeader();
            if (header == null) {
                terminate(new CloseReason(ErrorCode.NO_ERROR, "the peer closed the connection", true));
                return -1;
            }
            keepalive.received();
            if (into != null && header.isDataOf(into.stream().id()) && header.length() > 0) {
                touchStreams();
                int got = into.stream().receiveDirect(header, reader, into);
                if (got >= 0) {
                    return got;
                }
            }
            dispatch(reader.readBody(header));
            return 0;
        } catch (FrameException e) {
            if (!e.isConnectionError()) {
                streamViolation(e.streamId(), e.code(), e.getMessage());
                return 0;
            }
            violation(e.code(), e.getMessage());
            return -1;
        } catch (IOException e) {
            terminate(new CloseReason(ErrorCode.NO_ERROR, "the connection dropped: " + e.getMessage(), true));
            return -1;
        }
    }

    private void dispatch(Frame frame) {
        switch (frame) {
            case Frame.Data d -> onData(d);
            case Frame.Open o -> onOpen(o);
            case Frame.Accept a -> withStream(a.streamId(), s -> s.accepted().complete(null));
            case Frame.Reset r ->
                withStream(
                        r.streamId(),
                        s -> s.fail(new SessionException(
                                r.code(), "the peer reset stream " + s.protocol() + ": " + r.message())));
            case Frame.WindowUpdate w -> onWindowUpdate(w);
            case Frame.Ping p -> sendControl(new Frame.Pong(p.nonce()));
            case Frame.Pong p -> keepalive.pong(p.nonce());
            case Frame.GoAway g -> onGoAway(g);
            case Frame.Hello h -> violation(ErrorCode.PROTOCOL_ERROR, "HELLO sent twice");
            case Frame.Unknown u -> onUnknown(u);
        }
    }

    private void withStream(int id, java.util.function.Consumer<MuxStream> action) {
        MuxStream s = streams.get(id);
        if (s != null) {
            action.accept(s);
        }
    }

    private void onData(Frame.Data d) {
        MuxStream s = streams.get(d.streamId());
        if (s == null) {
            releaseReceived(d.payload());
            return; // data in flight for a stream we already closed or reset
        }
        touchStreams();
        if (!s.onData(d.payload(), d.fin())) {
            streamViolation(
                    d.streamId(), ErrorCode.FLOW_CONTROL_ERROR, "the peer wrote beyond the flow-control window");
        }
    }

    private void onWindowUpdate(Frame.WindowUpdate w) {
        MuxStream s = streams.get(w.streamId());
        if (s != null && !s.onWindowUpdate(w.increment())) {
            streamViolation(w.streamId(), ErrorCode.FLOW_CONTROL_ERROR, "the send window overflowed 2^31-1");
        }
    }

    private void onOpen(Frame.Open o) {
        int id = o.streamId();
        if (!isInbound(id) || id <= lastRemoteStreamId) {
            violation(
                    ErrorCode.PROTOCOL_ERROR,
                    "the peer opened stream " + id + ", which is not a new stream ID of its own");
            return;
        }
        lastRemoteStreamId = id;
        Optional<StreamHandler> handler;
        try {
            handler = protocols.handler(o.protocol(), remotePeer());
        } catch (SessionException refused) {
            log.info("Refused a {} stream from {}: {}", o.protocol(), peerText(), refused.getMessage());
            sendControl(new Frame.Reset(id, refused.code(), refused.getMessage()));
            return;
        }
        if (handler.isEmpty()) {
            log.info("Refused a {} stream from {}: this node does not serve that protocol.", o.protocol(), peerText());
            sendControl(new Frame.Reset(id, ErrorCode.UNKNOWN_PROTOCOL, "this node does not serve " + o.protocol()));
            return;
        }
        if (inboundStreams.incrementAndGet() > config.maxInboundStreams()) {
            inboundStreams.decrementAndGet();
            sendControl(new Frame.Reset(id, ErrorCode.REFUSED, "too many concurrent streams"));
            return;
        }
        var stream = new MuxStream(this, id, o.protocol(), peerInitialWindow, config.initialWindow(), maxDataPayload);
        streams.put(id, stream);
        touchStreams();
        sendControl(new Frame.Accept(id));
        try {
            config.handlers().execute(() -> serve(stream, handler.get()));
        } catch (RejectedExecutionException e) {
            resetStream(stream, ErrorCode.SHUTDOWN, "the node is shutting down", false);
        }
    }

    private void serve(MuxStream stream, StreamHandler handler) {
        try (stream) {
            handler.handle(stream);
        } catch (IOException | RuntimeException e) {
            log.debug("Handler for {} from {} failed: {}", stream.protocol(), peerText(), e.toString());
            stream.reset(ErrorCode.INTERNAL_ERROR, "the handler failed");
        }
    }

    private void onGoAway(Frame.GoAway g) {
        if (g.code() != ErrorCode.NO_ERROR
                && g.code() != ErrorCode.SHUTDOWN
                && g.code() != ErrorCode.DUPLICATE_CONNECTION) {
            log.warn("{} closed the connection: {} [{}]", peerText(), g.message(), g.code());
        }
        terminate(new CloseReason(g.code(), g.message(), true));
    }

    private void onUnknown(Frame.Unknown u) {
        if (u.streamId() != 0 && streams.containsKey(u.streamId())) {
            streamViolation(u.streamId(), ErrorCode.UNKNOWN_FRAME_TYPE, "unknown frame type " + u.type());
        } else {
            violation(ErrorCode.UNKNOWN_FRAME_TYPE, "unknown frame type " + u.type() + " on stream " + u.streamId());
        }
    }

    private void streamViolation(int streamId, ErrorCode code, String message) {
        log.warn("Reset a stream from {}: {} [{}]", peerText(), message, code);
        MuxStream s = streams.get(streamId);
        if (s != null) {
            resetStream(s, code, message, false);
        } else {
            sendControl(new Frame.Reset(streamId, code, message));
        }
    }

    private void violation(ErrorCode code, String message) {
        log.warn("Closed the connection to {}: {} [{}]", peerText(), message, code);
        shutdown(new CloseReason(code, message, false));
    }

    String peerText() {
        return remotePeer().shortForm() + " (" + link.remoteAddress() + ")";
    }

    // ---- writer and shutdown ------------------------------------------------------------------

    /**
     * Drains the queue. Polling and writing happen under {@link #writeLock}, the same lock a direct
     * writer takes, so frames of one stream never overtake each other.
     */
    private void writeLoop() {
        try {
            while (queue.awaitWork()) {
                writeLock.lock();
                try {
                    byte[] frame;
                    while ((frame = queue.poll()) != null) {
                        out.write(frame);
                        sendFrames.give(frame);
                    }
                    out.flush();
                } finally {
                    writeLock.unlock();
                }
            }
            linkClosed();
        } catch (IOException e) {
            writeFailed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            linkClosed();
        }
    }

    /**
     * A write failed, usually because the peer closed the connection. The peer may have said why
     * in a GOAWAY that the reader has not reached yet, so the link stays open for the reader to
     * find it (or the end of the stream); this only bounds the wait.
     */
    private void writeFailed(IOException e) {
        var reason = new CloseReason(ErrorCode.NO_ERROR, "the connection dropped: " + e.getMessage(), true);
        if (closeReason != null) {
            terminate(reason); // closing already: our own reason stands, nothing to wait for
            return;
        }
        queue.finish(new byte[0]);
        ScheduledFuture<?> unused =
                config.scheduler().schedule(() -> terminate(reason), WRITE_FAILURE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private void linkClosed() {
        closing.set(true); // before the future completes: whoever saw it complete sees isOpen() false
        link.close();
        CloseReason r = closeReason;
        closed.complete(r == null ? new CloseReason(ErrorCode.NO_ERROR, "closed", false) : r);
    }

    private void shutdown(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        queue.finish(FrameCodec.encode(new Frame.GoAway(reason.code(), reason.message())));
        // The writer closes the link after the GOAWAY; this bounds the wait if it is stuck.
        ScheduledFuture<?> unused = config.scheduler().schedule(link::close, 2, TimeUnit.SECONDS);
        failAll(reason);
    }

    /** The link is gone or the peer said GOAWAY: fail everything and stop. */
    private void terminate(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        queue.finish(new byte[0]);
        failAll(reason);
        linkClosed();
    }

    private void failAll(CloseReason reason) {
        closing.set(true);
        keepalive.stop();
        CloseReason first = closeReason == null ? reason : closeReason;
        var failure =
                new SessionException(first.code(), "the connection to " + peerText() + " closed: " + first.message());
        for (MuxStream s : streams.values()) {
            s.fail(failure);
        }
    }

    private SessionException closedException() {
        CloseReason r = closeReason;
        String why = r == null ? "closed" : r.message();
        return new SessionException(
                r == null ? ErrorCode.CANCELLED : r.code(), "the connection to " + peerText() + " is closed: " + why);
    }
}
