package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.ContentHash;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * One member of a {@link FakeChunkNetwork}: serves the files under its root, and misbehaves as the
 * test tells it to. Faults apply to every channel to it, as a real member's would.
 */
final class FakeMember {
    /** One chunk served: which file (share path) and which chunk. */
    record Served(String path, int index) {}

    private final FakeChunkNetwork network;
    private final PeerId id;
    private final String share;
    private final Path root;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Served> served = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile boolean online = true;
    private volatile IntPredicate corrupt = i -> false;
    private volatile int leaveAfter = -1;
    private volatile Semaphore gate;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile long retryAfterMillis;
    private long bytesPerSecond;
    private long nextFreeNanos;

    FakeMember(FakeChunkNetwork network, PeerId id, String share, Path root) {
        this.network = network;
        this.id = id;
        this.share = share;
        this.root = root;
    }

    PeerId id() {
        return id;
    }

    String share() {
        return share;
    }

    Path root() {
        return root;
    }

    boolean online() {
        return online;
    }

    /** Every chunk served, in order. */
    List<Served> served() {
        return List.copyOf(served);
    }

    /** Serves chunks whose index matches with one byte flipped. */
    FakeMember corrupt(IntPredicate chunks) {
        this.corrupt = chunks;
        return this;
    }

    /** After {@code chunks} more chunks served, leaves: its channels break and it is offline. */
    FakeMember leaveAfter(int chunks) {
        this.leaveAfter = answers.get() + chunks;
        return this;
    }

    /** Comes back online (or goes offline, breaking its channels). */
    void online(boolean value) {
        online = value;
        if (!value) {
            channels.forEach(Channel::breakDown);
        }
    }

    /** Serves at most {@code bytesPerSecond} over all its channels, like an uplink. */
    synchronized FakeMember rateCap(long value) {
        this.bytesPerSecond = value;
        return this;
    }

    /** Serves only {@code chunks} more chunks until {@link #release} lets more through. */
    FakeMember hold(int chunks) {
        this.gate = new Semaphore(chunks);
        return this;
    }

    /** Lets {@code chunks} more through a {@link #hold}, or every chunk if negative. */
    void release(int chunks) {
        Semaphore g = gate;
        if (chunks < 0) {
            gate = null;
            if (g != null) {
                g.release(1 << 20);
            }
        } else if (g != null) {
            g.release(chunks);
        }
    }

    /** Answers the next {@code requests} with RATE_LIMITED, asking to wait {@code retryAfter} ms. */
    FakeMember rateLimit(int requests, long retryAfter) {
        this.retryAfterMillis = retryAfter;
        rateLimited.set(requests);
        return this;
    }

    Path resolve(Location at) {
        return at.path().isEmpty() ? root : root.resolve(at.path());
    }

    Channel open() {
        Channel c = new Channel();
        channels.add(c);
        return c;
    }

    private int serve(Request r, byte[] into) throws IOException {
        if (!online) {
            throw new IOException("Connection reset by " + id.shortForm() + ".");
        }
        pass(r);
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RemoteShareException(Error.Code.RATE_LIMITED, "Too many requests; wait.", retryAfterMillis);
        }
        Path file = resolve(r.at());
        if (!r.at().share().equals(share) || !Files.isRegularFile(file)) {
            throw new RemoteShareException(Error.Code.NOT_FOUND, "There is no file " + r.at().path() + ".");
        }
        ContentHash now = network.hash(file);
        if (!Arrays.equals(now.fileHash(), r.fileHash())) {
            throw new RemoteShareException(Error.Code.FILE_CHANGED, r.at().path() + " changed; ask again.");
        }
        if (r.index() >= now.chunkCount()) {
            throw new RemoteShareException(Error.Code.BAD_REQUEST, "No chunk " + r.index() + ".");
        }
        int n = read(file, (long) r.index() * now.chunkSize(), into, now.chunkSize());
        if (corrupt.test(r.index())) {
            into[n / 2] ^= 1;
        }
        pace(n);
        served.add(new Served(r.at().path(), r.index()));
        if (answers.incrementAndGet() == leaveAfter) {
            online(false);
        }
        return n;
    }

    private void pass(Request r) throws IOException {
        Semaphore g = gate;
        try {
            if (g != null) {
                while (!g.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    if (r.channel().broken) {
                        throw new IOException("Connection closed.");
                    }
                    if (gate != g) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted.");
        }
    }

    private static int read(Path file, long offset, byte[] into, int chunkSize) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            int n = (int) Math.min(chunkSize, in.length() - offset);
            in.seek(offset);
            in.readFully(into, 0, n);
            return n;
        }
    }

    /** Sleeps so that this member's chunks, over all its channels, leave at its rate cap. */
    private void pace(int n) throws IOException {
        long wakeAt;
        synchronized (this) {
            if (bytesPerSecond <= 0) {
                return;
            }
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + n * 1_000_000_000L / bytesPerSecond;
            wakeAt = nextFreeNanos;
        }
        try {
            long wait = wakeAt - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted.");
        }
    }

    private record Request(
            Channel channel,
            Location at,
            @SuppressWarnings("ArrayRecordComponent") byte[] fileHash,
            int index) {}

    /** A channel to this member: requests queue up and are answered in order. */
    final class Channel implements ChunkChannel {
        private static final Request BROKEN = new Request(null, null, null, -1);
        private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        private volatile boolean broken;

        @Override
        public PeerId peer() {
            return id;
        }

        @Override
        public void request(Location location, byte[] fileHash, int index) throws IOException {
            if (broken) {
                throw new IOException("The channel to " + id.shortForm() + " is closed.");
            }
            requests.add(new Request(this, location, fileHash.clone(), index));
        }

        @Override
        public int receive(byte[] into) throws IOException {
            Request r;
            try {
                r = broken ? BROKEN : requests.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted.");
            }
            if (r.index() < 0 || broken) {
                throw new IOException("The channel to " + id.shortForm() + " is closed.");
            }
            return serve(r, into);
        }

        void breakDown() {
            broken = true;
            requests.add(BROKEN);
        }

        @Override
        public void close() {
            breakDown();
            channels.remove(this);
        }
    }
}
