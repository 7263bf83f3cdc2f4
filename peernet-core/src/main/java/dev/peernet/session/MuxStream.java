package dev.peernet.session;

import dev.peernet.identity.PeerId;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.FrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream of a {@link MuxSession}. The reader thread pushes received DATA in; the application
 * reads it out, which returns window to the peer. Writes take send window granted by the peer and
 * block when it is used up.
 */
final class MuxStream implements Stream, ReadLeadership.Follower {
    private final MuxSession session;
    private final int id;
    private final String protocol;
    private final int receiveWindow;
    private final int maxDataPayload;
    /** The send window a whole frame waits for: see {@link #write}. */
    private final int wholeFrameWindow;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Input input = new Input();
    private final Output output = new Output();

    private byte[] head;
    private int headPos;
    private boolean remoteFin;
    private long receiveAllowance;
    /** DATA bytes read straight into this stream's consumer's buffer, sparing a copy. */
    private long directBytes;

    private int consumedUnacked;
    private long sendWindow;
    private boolean localFin;
    private boolean localClosed;
    private SessionException inputFailure;
    private SessionException outputFailure;
    private int leadFreed;
    private volatile Thread leader;

    MuxStream(MuxSession session, int id, String protocol, int sendWindow, int receiveWindow, int maxDataPayload) {
        this.session = session;
        this.id = id;
        this.protocol = protocol;
        this.sendWindow = sendWindow;
        this.receiveWindow = receiveWindow;
        this.receiveAllowance = receiveWindow;
        this.maxDataPayload = maxDataPayload;
        // Half the peer's window at most: it grants more once half is consumed, so a writer waiting
        // for this much is always granted it once the reader has consumed what was sent.
        this.wholeFrameWindow = Math.max(1, Math.min(maxDataPayload, sendWindow / 2));
    }

    int id() {
        return id;
    }

    CompletableFuture<Void> accepted() {
        return accepted;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public PeerId remotePeer() {
        return session.remotePeer();
    }

    @Override
    public String remoteHost() {
        return session.remoteHost();
    }

    @Override
    public byte[] channelBinding() {
        return session.channelBinding();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    // ---- events from the reader thread -------------------------------------------------------

    /** Received DATA. Returns false if it overran the receive window (the caller resets). */
    boolean onData(byte[] payload, boolean fin) {
        lock.lock();
        try {
            if (payload.length > receiveAllowance) {
                session.releaseReceived(payload);
                return false;
            }
            receiveAllowance -= payload.length;
            if (!localClosed && inputFailure == null && payload.length > 0) {
                chunks.add(payload);
            } else {
                consumedUnacked += payload.length;
                session.releaseReceived(payload);
            }
            if (fin) {
                remoteFin = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        maybeForget();
        return true;
    }

    /** The peer granted more send window. Returns false on overflow (the caller resets). */
    boolean onWindowUpdate(int increment) {
        lock.lock();
        try {
            sendWindow += increment;
            changed.signalAll();
            return sendWindow <= Integer.MAX_VALUE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The stream failed: by a RESET from either side, or the connection closing. Input already
     * ended by FIN stays readable; everything else fails with {@code failure}.
     */
    void fail(SessionException failure) {
        lock.lock();
        try {
            if (outputFailure == null) {
                outputFailure = failure;
            }
            if (inputFailure == null && !remoteFin) {
                inputFailure = failure;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        accepted.completeExceptionally(failure);
        wakeLeader();
        maybeForget();
    }

    private void maybeForget() {
        boolean done;
        lock.lock();
        try {
            done = (localFin || outputFailure != null) && (remoteFin || inputFailure != null);
        } finally {
            lock.unlock();
        }
        if (done) {
            session.forget(this);
        }
    }

    // ---- application side ---------------------------------------------------------------------

    @Override
    public void reset(ErrorCode code, String message) {
        if (isFailed()) {
            return; // already reset by either side or closed with the connection: the peer knows
        }
        session.resetStream(this, code, message, false);
    }

    private boolean isFailed() {
        lock.lock();
        try {
            return outputFailure != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closeOutput();
        boolean cancel;
        lock.lock();
        try {
            localClosed = true;
            cancel = !remoteFin && inputFailure == null;
            if (head != null) {
                session.releaseReceived(head);
                head = null;
            }
            chunks.forEach(session::releaseReceived);
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (cancel) {
            session.resetStream(this, ErrorCode.CANCELLED, "the reader closed the stream", true);
        }
        wakeLeader();
        maybeForget();
    }

    private void closeOutput() {
        lock.lock();
        try {
            if (localFin || outputFailure != null) {
                return;
            }
            localFin = true;
        } finally {
            lock.unlock();
        }
        session.sendData(id, true, new byte[0], 0, 0);
        maybeForget();
    }

    private int read(byte[] b, int off, int len) throws IOException {
        int n;
        int update = 0;
        lock.lock();
        try {
            while (head == null) {
                head = chunks.poll();
                headPos = 0;
                if (head != null) {
                    break;
                }
                if (localClosed) {
                    return -1; // closed here, maybe by another thread: there is no more to read
                }
                if (inputFailure != null) {
                    throw inputFailure;
                }
                if (remoteFin) {
                    return -1;
                }
                int direct = awaitInput(b, off, len);
                if (direct > 0) {
                    return direct;
                }
            }
            n = Math.min(len, head.length - headPos);
            System.arraycopy(head, headPos, b, off, n);
            headPos += n;
            if (headPos == head.length) {
                session.releaseReceived(head);
                head = null;
            }
            update = consumed(n);
        } finally {
            lock.unlock();
        }
        if (update > 0) {
            session.sendWindowUpdate(id, update);
        }
        return n;
    }

    /**
     * Nothing is buffered: reads the connection on this thread if no one else is, or waits for
     * whoever is to deliver this stream's input or step down. Returns how many bytes went straight
     * into {@code b} (maybe 0). Called and returns holding {@link #lock}.
     *
     * <p>Virtual threads never lead: interrupting a virtual thread blocked in a socket read closes
     * the socket, which would cut every stream of the connection.
     */
    private int awaitInput(byte[] b, int off, int len) {
        if (Thread.currentThread().isVirtual()) {
            while (!hasInput()) {
                changed.awaitUninterruptibly();
            }
            return 0;
        }
        int freedBefore = leadFreed;
        int got;
        lock.unlock();
        try {
            leader = Thread.currentThread();
            got = session.leadership().tryLead(this, new ReadLeadership.DirectRead(this, b, off, len));
        } finally {
            leader = null;
            lock.lock();
        }
        if (got == ReadLeadership.LEAD_TAKEN) {
            while (freedBefore == leadFreed && !hasInput()) {
                changed.awaitUninterruptibly();
            }
            session.leadership().leave(this);
            return 0;
        }
        if (got == ReadLeadership.STEPPED_DOWN) {
            // Whoever took the lead, or else the session's reader thread, reads this stream's input.
            while (!hasInput()) {
                changed.awaitUninterruptibly();
            }
            return 0;
        }
        return got;
    }

    /**
     * Reads a DATA payload of this stream straight into its leading consumer's buffer, sparing a
     * copy; any rest is buffered. Returns the bytes put into the buffer, or -1 if the frame must
     * take the usual path: input is already buffered, the stream is closing, or the frame overruns
     * the window.
     */
    int receiveDirect(FrameReader.Header h, FrameReader reader, ReadLeadership.DirectRead into) throws IOException {
        int length = h.length();
        lock.lock();
        try {
            if (head != null
                    || !chunks.isEmpty()
                    || localClosed
                    || remoteFin
                    || inputFailure != null
                    || length > receiveAllowance) {
                return -1;
            }
        } finally {
            lock.unlock();
        }
        int n = Math.min(into.length(), length);
        reader.readPayload(h, into.buffer(), into.offset(), 0, n);
        byte[] rest = null;
        if (n < length) {
            rest = new byte[length - n];
            reader.readPayload(h, rest, 0, n, rest.length);
        }
        int update;
        lock.lock();
        try {
            receiveAllowance -= length;
            directBytes += n;
            if (rest != null) {
                if (localClosed) {
                    consumedUnacked += rest.length;
                } else {
                    chunks.add(rest);
                }
            }
            if (h.fin()) {
                remoteFin = true;
            }
            update = consumed(n);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (update > 0) {
            session.sendWindowUpdate(id, update);
        }
        maybeForget();
        return n;
    }

    /** Counts {@code n} bytes as read; returns the window to grant the peer now, if any. */
    private int consumed(int n) {
        consumedUnacked += n;
        if (consumedUnacked >= receiveWindow / 2 && !remoteFin) {
            int update = consumedUnacked;
            consumedUnacked = 0;
            receiveAllowance += update;
            return update;
        }
        return 0;
    }

    /** DATA bytes that went straight into the consumer's buffer, not through a received frame. */
    long directBytes() {
        lock.lock();
        try {
            return directBytes;
        } finally {
            lock.unlock();
        }
    }

    boolean hasInput() {
        lock.lock();
        try {
            return !chunks.isEmpty() || remoteFin || localClosed || inputFailure != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leadFreed() {
        lock.lock();
        try {
            leadFreed++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** If another thread is blocked reading the connection on this stream's behalf, wakes it. */
    private void wakeLeader() {
        Thread t = leader;
        if (t != null && t != Thread.currentThread()) {
            session.wakeLeader();
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            lock.lock();
            try {
                while (frameToSend(len, sendWindow, wholeFrameWindow, maxDataPayload) == 0
                        && outputFailure == null
                        && !localFin) {
                    changed.awaitUninterruptibly();
                }
                if (outputFailure != null) {
                    throw outputFailure;
                }
                if (localFin) {
                    throw new IOException("the stream's output is closed");
                }
                n = frameToSend(len, sendWindow, wholeFrameWindow, maxDataPayload);
                sendWindow -= n;
            } finally {
                lock.unlock();
            }
            session.sendData(id, false, b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * How many of {@code len} bytes to send in the next DATA frame, or 0 to wait for more window.
     * A writer waits for room for a whole frame ({@code wholeFrameWindow}) rather than send the
     * window's odd remainder: such a sliver costs a frame and a TLS record for little data, and the
     * reader cannot keep it in one of its pooled frame buffers, so a stream held back by a slow
     * reader made the reader allocate a new array for almost every frame (about half the bytes of a
     * 2 GiB fetch).
     */
    static int frameToSend(int len, long sendWindow, int wholeFrameWindow, int maxDataPayload) {
        if (sendWindow < Math.min(len, wholeFrameWindow)) {
            return 0;
        }
        return (int) Math.min(Math.min(len, sendWindow), maxDataPayload);
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = MuxStream.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : MuxStream.this.read(b, off, len);
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return head == null ? (chunks.isEmpty() ? 0 : chunks.peek().length) : head.length - headPos;
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            MuxStream.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            MuxStream.this.write(b, off, len);
        }

        /** Ends this side of the stream (sends FIN); the input stays open. */
        @Override
        public void close() {
            closeOutput();
        }
    }
}
