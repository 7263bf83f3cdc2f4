package dev.peernet.testkit;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Both ends of one in-memory link, made of two bounded {@link Pipe}s, and the switches that make it
 * misbehave. Use it directly to test sessions without a transport, or get it from {@link
 * InMemoryNetwork#links(PeerId, PeerId)}.
 */
public final class LinkPair {
    /** Bytes buffered per direction: about what a loopback socket buffers before a writer blocks. */
    public static final int BUFFER_BYTES = 64 * 1024;

    /** Which peer sits at one end of a link, and the address the other end sees for it. */
    record Endpoint(PeerId peer, InetSocketAddress address) {}

    private final LinkPolicy policy;
    private final Pipe forward;
    private final Pipe backward;
    private final MemoryLink dialler;
    private final MemoryLink acceptor;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private final String cutMessage;

    private LinkPair(Endpoint from, Endpoint to, LinkPolicy policy, ScheduledExecutorService scheduler) {
        if (policy instanceof LinkPolicy.FailHandshake) {
            throw new IllegalArgumentException("FAIL_HANDSHAKE fails a dial; set it on an InMemoryNetwork");
        }
        this.policy = policy;
        Duration latency = policy instanceof LinkPolicy.Delay d ? d.latency() : Duration.ZERO;
        this.forward = new Pipe(BUFFER_BYTES, latency, scheduler);
        this.backward = new Pipe(BUFFER_BYTES, latency, scheduler);
        this.cutMessage = policy instanceof LinkPolicy.DropAfter d
                ? "the link was cut after " + d.bytes() + " bytes (LinkPolicy DROP_AFTER)"
                : "the link was cut";
        byte[] binding = new byte[32];
        new java.security.SecureRandom().nextBytes(binding);
        this.dialler = new MemoryLink(to.peer(), to.address(), backward, forward, output(forward), binding);
        this.acceptor = new MemoryLink(from.peer(), from.address(), forward, backward, output(backward), binding);
        applyInitialPolicy();
    }

    /** A perfect link from {@code dialler} to {@code acceptor}. */
    public static LinkPair between(PeerId dialler, PeerId acceptor) {
        return create(dialler, acceptor, LinkPolicy.NONE, SharedScheduler.get());
    }

    /**
     * A link from {@code dialler} to {@code acceptor} that follows {@code policy}; a {@link
     * LinkPolicy.Delay} runs on {@code scheduler}, so a {@link FakeScheduler} makes latency exact.
     */
    public static LinkPair create(
            PeerId dialler, PeerId acceptor, LinkPolicy policy, ScheduledExecutorService scheduler) {
        return create(
                new Endpoint(dialler, InetSocketAddress.createUnresolved(dialler.shortForm(), 1)),
                new Endpoint(acceptor, InetSocketAddress.createUnresolved(acceptor.shortForm(), 1)),
                policy,
                scheduler);
    }

    static LinkPair create(Endpoint dialler, Endpoint acceptor, LinkPolicy policy, ScheduledExecutorService scheduler) {
        return new LinkPair(dialler, acceptor, Objects.requireNonNull(policy, "policy"), scheduler);
    }

    private void applyInitialPolicy() {
        switch (policy) {
            case LinkPolicy.Partition _, LinkPolicy.Stall _ -> partition();
            case LinkPolicy.DropAfter d -> {
                budget.set(d.bytes());
                if (d.bytes() == 0) {
                    cut(cutMessage);
                }
            }
            case LinkPolicy.None _, LinkPolicy.Delay _, LinkPolicy.FailHandshake _ -> {}
        }
    }

    /** The dialler's end: its remote peer is the acceptor. */
    public SecureLink dialler() {
        return dialler;
    }

    /** The acceptor's end: its remote peer is the dialler. */
    public SecureLink acceptor() {
        return acceptor;
    }

    public LinkPolicy policy() {
        return policy;
    }

    /** Holds bytes in both directions until {@link #heal()}; writers block once the buffers fill. */
    public void partition() {
        forward.hold(true);
        backward.hold(true);
    }

    /** Delivers what was held and lets bytes flow again. */
    public void heal() {
        if (policy instanceof LinkPolicy.Stall) {
            throw new IllegalStateException("a STALL link never heals; use PARTITION for one that does");
        }
        forward.hold(false);
        backward.hold(false);
    }

    /** Cuts the link like a reset: writes fail at once, reads fail after the bytes already readable. */
    public void cut(String why) {
        forward.cut(why);
        backward.cut(why);
    }

    private OutputStream output(Pipe pipe) {
        return policy instanceof LinkPolicy.DropAfter ? new CuttingOutput(pipe.output) : pipe.output;
    }

    /** Counts bytes against the link's DROP_AFTER budget and cuts the link when it runs out. */
    private final class CuttingOutput extends OutputStream {
        private final OutputStream out;

        CuttingOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return;
            }
            long before = budget.getAndAdd(-len);
            int allowed = (int) Math.max(0, Math.min(len, before));
            if (allowed > 0) {
                out.write(b, off, allowed);
            }
            if (before > 0 && before <= len) {
                cut(cutMessage); // this write used the last byte of the budget
            }
            if (allowed < len) {
                throw new IOException(cutMessage);
            }
        }
    }
}
