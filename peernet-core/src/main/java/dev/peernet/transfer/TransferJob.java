package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer from start to end, on its own virtual thread: it waits for a slot, checks what is on
 * disk already, then starts a {@link SourceWorker} per member holding a missing file and reacts to
 * what they report until every file is in place, or the transfer is stopped. Sources that leave are
 * tried again later; sources that serve bad data are dropped for good; with no source left it waits
 * with backoff; a full disk pauses it. Every field below is guarded by {@link #lock}.
 */
final class TransferJob implements SourceWorker.Events, Finisher.Events {
    private static final Logger log = LoggerFactory.getLogger(TransferJob.class);

    /** Files located at once: each lookup asks every member, so a tree of files is not asked at once. */
    private static final int LOCATE_PARALLEL = 8;

    /** A rate limit with no delay given is honoured for this long. */
    private static final Duration DEFAULT_RATE_LIMIT = Duration.ofSeconds(1);

    /** What the engine gives each of its transfers. */
    record Context(
            TransferStore store,
            ChunkNetwork network,
            TransferOptions options,
            Semaphore slots,
            Consumer<TransferJob> ended) {}

    /** Why a transfer stops before it is done. */
    enum Stop {
        /** The user cancelled it: it ends as CANCELLED. */
        CANCEL,
        /** The engine closes: its state stays, for {@link Transfers#resumeAll()}. */
        CLOSE,
        /** A simulated crash: nothing more is written. */
        HALT
    }

    private final Context ctx;
    private final String id;
    private final String label;
    private final String key;
    private final TransferDirection direction;
    private final Path destination;
    private final Instant started;
    private final List<FileTask> files = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Schedule schedule = new Schedule();
    private final SourceBook sources = new SourceBook();
    private final Map<PeerId, SourceWorker> workers = new HashMap<>();
    private final List<TransferError> errors = new ArrayList<>();
    private final ArrayDeque<FileTask> changedFiles = new ArrayDeque<>();
    private final RateMeter rate;
    private final Finisher finisher;
    private final CountDownLatch ended = new CountDownLatch(1);

    private TransferState state;
    private Optional<String> message = Optional.empty();
    private Optional<Instant> finished = Optional.empty();
    private long bytesDone;
    private long bytesTotal;
    private int filesDone;
    private Stop stop;
    private String diskFull;
    private String failure;
    private boolean review = true;
    private int cycle;
    private int locating;
    private int placing;
    private boolean retryDue;
    private int retryToken;
    private Duration backoff;

    TransferJob(Context ctx, TransferStore.TransferRow row, List<TransferStore.FileRow> rows) {
        this.ctx = ctx;
        this.id = row.id();
        this.label = row.label();
        this.key = row.key();
        this.direction = row.direction();
        this.destination = row.destination();
        this.started = row.started();
        this.state = TransferState.QUEUED;
        this.rate = new RateMeter(ctx.options().clock());
        this.backoff = ctx.options().retryInitial();
        this.finisher = new Finisher(ctx.store(), id, ctx.options().finishThreads(), this);
        for (TransferStore.FileRow r : rows) {
            FileTask f = new FileTask(r.index(), r.remote(), r.target());
            files.add(f);
            bytesTotal += r.remote().size();
            if (r.done()) {
                f.finished(true);
                filesDone++;
                bytesDone += r.remote().size();
            }
        }
    }

    String id() {
        return id;
    }

    String key() {
        return key;
    }

    /** Restores the report of an earlier run (sources and their bans, errors). */
    void restore(List<SourceStatus> savedSources, List<TransferError> savedErrors) {
        lock.lock();
        try {
            sources.restore(savedSources);
            errors.addAll(savedErrors);
        } finally {
            lock.unlock();
        }
    }

    void start() {
        Thread.ofVirtual().name("peernet-transfer-" + id).start(this::run);
    }

    // ---- the transfer's life

    private void run() {
        try {
            if (waitForSlot()) {
                try {
                    work();
                } finally {
                    ctx.slots().release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.warn("Transfer {} failed", id, e);
            lock.lock();
            try {
                failure = "The transfer stopped: " + e.getMessage();
            } finally {
                lock.unlock();
            }
        } finally {
            end();
        }
    }

    private boolean waitForSlot() throws InterruptedException {
        while (!ctx.slots().tryAcquire(50, TimeUnit.MILLISECONDS)) {
            lock.lock();
            try {
                if (stop != null) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    private void work() throws InterruptedException, IOException {
        setState(TransferState.RUNNING, null);
        Preparation.prepare(this, files);
        lock.lock();
        try {
            locate(files.stream()
                    .filter(f -> !f.finished() && f.chunkCount() > 1)
                    .toList());
            while (stop == null && failure == null && filesDone < files.size()) {
                if (diskFull != null) {
                    pauseForDisk();
                } else if (!changedFiles.isEmpty()) {
                    redescribe(changedFiles.poll());
                } else if (review) {
                    review = false;
                    review();
                } else if (stalled()) {
                    waitForSources();
                } else {
                    changed.await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives every file with a usable source a worker for it, and looks up holders of files without one. */
    private void review() {
        Set<PeerId> wanted = new LinkedHashSet<>();
        List<FileTask> lost = new ArrayList<>();
        for (FileTask f : files) {
            if (f.finished() || f.finishing() || f.changing()) {
                continue;
            }
            boolean any = false;
            for (PeerId peer : f.sources().keySet()) {
                if (sources.usable(peer)) {
                    wanted.add(peer);
                    any = true;
                }
            }
            if (!any && f.locatedInCycle != cycle) {
                lost.add(f);
            }
        }
        for (PeerId peer : wanted) {
            if (!workers.containsKey(peer)) {
                SourceWorker w = new SourceWorker(peer, this, schedule, lock, changed, ctx.options());
                workers.put(peer, w);
                sources.used(peer);
                w.start();
            }
        }
        locate(lost);
    }

    /** Nothing can make progress: no worker has work in flight or could take any, and nothing is being looked up. */
    private boolean stalled() {
        if (locating > 0 || placing > 0) {
            return false;
        }
        for (SourceWorker w : workers.values()) {
            if (w.busy()) {
                return false;
            }
        }
        for (FileTask f : files) {
            if (!f.finished() && !f.finishing()) {
                for (PeerId peer : f.sources().keySet()) {
                    if (workers.containsKey(peer)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void waitForSources() throws InterruptedException {
        Duration delay = backoff;
        backoff = min(backoff.multipliedBy(2), ctx.options().retryMax());
        setState(
                TransferState.WAITING,
                "No member holding " + missing() + " is online; trying again in " + Sizes.duration(delay) + ".");
        awaitRetry(delay);
        cycle++;
        sources.retryAll();
        review = true;
        if (stop == null) {
            setState(TransferState.RUNNING, null);
        }
    }

    private void pauseForDisk() throws InterruptedException {
        setState(TransferState.PAUSED, diskFull);
        List<SourceWorker> stopped = stopWorkers();
        lock.unlock();
        try {
            stopped.forEach(SourceWorker::close);
        } finally {
            lock.lock();
        }
        awaitRetry(ctx.options().diskRetry());
        diskFull = null;
        review = true;
        for (FileTask f : files) {
            if (f.complete() && !f.finished() && !f.finishing() && !f.changing()) {
                place(f);
            }
        }
        if (stop == null) {
            setState(TransferState.RUNNING, null);
        }
    }

    private void awaitRetry(Duration delay) throws InterruptedException {
        int token = ++retryToken;
        ctx.options().scheduler().schedule(delay, () -> retry(token));
        while (!retryDue && stop == null) {
            changed.await();
        }
        retryDue = false;
    }

    private void retry(int token) {
        lock.lock();
        try {
            if (token == retryToken) {
                retryDue = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The source of {@code f} said its content changed: describe it again, and fetch the new content. */
    private void redescribe(FileTask f) throws InterruptedException {
        while (f.isWriting()) {
            changed.await();
        }
        Location at = f.remote().location();
        RemoteFile fresh = null;
        IOException failed = null;
        lock.unlock();
        try {
            fresh = Preparation.checked(ctx.network().describe(at));
        } catch (IOException e) {
            failed = e;
        } finally {
            lock.lock();
        }
        if (fresh != null) {
            replace(f, fresh);
        } else {
            if (!(failed instanceof RemoteShareException)) {
                sources.down(at.peer(), "It left: " + failed.getMessage());
            }
            f.removeSource(at.peer());
            errors.add(new TransferError(
                    Optional.of(at.peer()),
                    f.name(),
                    "It changed at its source, which could not describe it again: " + failed.getMessage()));
            f.unsuspend();
            schedule.offer(f);
        }
        review = true;
    }

    private void replace(FileTask f, RemoteFile fresh) {
        long doneBefore = f.doneBytes();
        bytesTotal += fresh.size() - f.remote().size();
        f.replace(fresh);
        bytesDone += f.doneBytes() - doneBefore;
        errors.add(new TransferError(
                Optional.of(fresh.location().peer()),
                f.name(),
                "It changed while being fetched; its new content is fetched instead."));
        try {
            ctx.store().replaceFile(id, f.index, fresh);
            f.part.truncate(fresh.size());
        } catch (IOException e) {
            failure = "Could not start " + f.target + " again after it changed: " + e.getMessage();
        }
        if (f.complete()) {
            place(f);
        } else {
            schedule.offer(f);
            if (f.chunkCount() > 1) {
                locate(List.of(f));
            }
        }
    }

    // ---- what workers report

    @Override
    public ChunkNetwork network() {
        return ctx.network();
    }

    @Override
    public void delivered(SourceWorker w, ChunkRequest r, byte[] data, int length) {
        boolean valid = length == r.length() && Preparation.matches(data, length, r.chunkHash());
        FileTask f = r.file();
        lock.lock();
        try {
            if (r.generation() != f.generation()) {
                return; // asked before the file changed
            }
            if (!valid) {
                ban(w, r, "chunk " + r.index() + " did not match its hash");
                return;
            }
            boolean fresh = f.startWriting(r.index());
            f.answered(r.index(), w.peer());
            if (!fresh) {
                return; // the end game's other copy came first
            }
        } finally {
            changed.signalAll();
            lock.unlock();
        }
        write(w, r, data, length);
    }

    private void write(SourceWorker w, ChunkRequest r, byte[] data, int length) {
        FileTask f = r.file();
        try {
            f.part.write(r.offset(), data, length);
        } catch (IOException e) {
            lock.lock();
            try {
                f.writeFailed(r.index());
                schedule.offer(f);
                writeFailed(f, e, length);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            f.written(r.index());
            bytesDone += length;
            sources.served(w.peer(), length);
            rate.add(length);
            backoff = ctx.options().retryInitial();
            if (f.complete() && !f.changing() && !f.finishing()) {
                place(f);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeFailed(FileTask f, IOException e, long needed) {
        if (!diskFull(f, e, needed) && failure == null) {
            failure = "Could not write " + f.part.path() + ": " + Sizes.reason(e) + ".";
        }
    }

    /** Whether {@code e} means the disk is full; if so the transfer pauses. Holds the lock. */
    private boolean diskFull(FileTask f, IOException e, long needed) {
        if (!PartFile.diskFull(e, f.target.getParent(), needed)) {
            return false;
        }
        if (diskFull == null) {
            diskFull = "The disk holding " + destination + " is full: "
                    + Sizes.bytes(bytesTotal - bytesDone) + " more are needed; the transfer goes on by itself"
                    + " once space is freed.";
        }
        return true;
    }

    @Override
    public void refused(SourceWorker w, ChunkRequest r, RemoteShareException e) {
        FileTask f = r.file();
        lock.lock();
        try {
            if (r.generation() != f.generation()) {
                return;
            }
            Error.Code code = e.code();
            if (code == Error.Code.RATE_LIMITED) {
                giveBack(r, w.peer());
                long ms = e.retryAfterMillis();
                w.pauseFor(
                        ms > 0 ? Duration.ofMillis(ms) : DEFAULT_RATE_LIMIT,
                        ctx.options().scheduler());
            } else if (code == Error.Code.FILE_CHANGED
                    && r.location().equals(f.remote().location())) {
                f.suspend();
                changedFiles.add(f);
            } else {
                boolean wasSource = f.sources().containsKey(w.peer());
                f.removeSource(w.peer());
                giveBack(r, w.peer());
                if (wasSource && code != Error.Code.FILE_CHANGED) {
                    errors.add(new TransferError(Optional.of(w.peer()), f.name(), e.getMessage()));
                }
                review = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void lost(SourceWorker w, IOException e) {
        lock.lock();
        try {
            if (workers.get(w.peer()) != w) {
                return; // stopped already
            }
            workers.remove(w.peer());
            giveBack(w.stop(), w.peer());
            if (stop == null) {
                sources.down(w.peer(), "It left: " + e.getMessage());
                review = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        w.close();
    }

    /** {@code w} served a bad chunk: it is never asked again by this transfer. Holds the lock. */
    private void ban(SourceWorker w, ChunkRequest r, String what) {
        FileTask f = r.file();
        PeerId peer = w.peer();
        f.answered(r.index(), peer);
        schedule.offer(f);
        if (workers.get(peer) == w) {
            workers.remove(peer);
            giveBack(w.stop(), peer);
        }
        sources.ban(peer, SourceBook.BAD_DATA + what + " in " + f.name() + ".");
        for (FileTask file : files) {
            file.removeSource(peer);
        }
        String sentence = "The member served bad data (" + what + ") and was dropped from this transfer.";
        errors.add(new TransferError(Optional.of(peer), f.name(), sentence));
        review = true;
        Thread.ofVirtual().start(w::close); // not under the lock: closing may wait for the network
    }

    /** Requests that will not be answered go back to the schedule. Holds the lock. */
    private void giveBack(List<ChunkRequest> requests, PeerId peer) {
        for (ChunkRequest r : requests) {
            giveBack(r, peer);
        }
    }

    private void giveBack(ChunkRequest r, PeerId peer) {
        FileTask f = r.file();
        if (r.generation() == f.generation() && f.answered(r.index(), peer)) {
            schedule.offer(f);
        }
    }

    private List<SourceWorker> stopWorkers() {
        List<SourceWorker> stopped = new ArrayList<>(workers.values());
        for (SourceWorker w : stopped) {
            giveBack(w.stop(), w.peer());
        }
        workers.clear();
        return stopped;
    }

    // ---- looking up sources

    /** Asks members who else holds each of {@code list}, a few files at a time, in the background. Holds the lock. */
    private void locate(List<FileTask> list) {
        if (list.isEmpty()) {
            return;
        }
        List<Lookup> lookups = new ArrayList<>();
        for (FileTask f : list) {
            f.locatedInCycle = cycle;
            lookups.add(new Lookup(f, f.generation(), f.remote().hash().fileHash()));
        }
        locating++;
        Thread.ofVirtual().name("peernet-transfer-locate-" + id).start(() -> locateAll(lookups));
    }

    private record Lookup(
            FileTask file,
            int generation,
            @SuppressWarnings("ArrayRecordComponent") byte[] hash) {}

    private void locateAll(List<Lookup> lookups) {
        Semaphore parallel = new Semaphore(LOCATE_PARALLEL);
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Lookup l : lookups) {
                parallel.acquireUninterruptibly();
                if (stopped()) {
                    parallel.release();
                    break;
                }
                threads.execute(() -> {
                    try {
                        found(l, ctx.network().locate(l.hash(), ctx.options().locateTimeout()));
                    } finally {
                        parallel.release();
                    }
                });
            }
        } finally {
            lock.lock();
            try {
                locating--;
                review = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void found(Lookup l, List<Location> holders) {
        PeerId self = ctx.network().self();
        lock.lock();
        try {
            if (l.generation() != l.file().generation()) {
                return;
            }
            for (Location at : holders) {
                if (!at.peer().equals(self) && !sources.banned(at.peer())) {
                    sources.online(at.peer());
                    l.file().addSource(at);
                }
            }
            schedule.offer(l.file());
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stop != null;
        } finally {
            lock.unlock();
        }
    }

    // ---- placing complete files

    /** Hands a complete file to the finisher. Holds the lock. */
    void place(FileTask f) {
        f.finishing(true);
        placing++;
        finisher.submit(f, f.remote().size(), f.remote().mtimeMillis());
    }

    @Override
    public void placed(List<FileTask> placedFiles) {
        lock.lock();
        try {
            for (FileTask f : placedFiles) {
                f.finishing(false);
                f.finished(true);
                filesDone++;
                placing--;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void placingFailed(FileTask f, IOException e) {
        lock.lock();
        try {
            f.finishing(false);
            placing--;
            if (stop == null && !diskFull(f, e, 0) && failure == null) {
                String why = java.nio.file.Files.isDirectory(f.target) ? "a folder is in the way" : Sizes.reason(e);
                failure = "Could not put " + f.target + " in place: " + why + ".";
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordingFailed(IOException e) {
        lock.lock();
        try {
            if (stop == null && failure == null) {
                failure = e.getMessage();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Files found already whole at their destination (an earlier run put them there). */
    void alreadyInPlace(List<FileTask> inPlace) throws IOException {
        ctx.store().markDone(id, inPlace.stream().map(f -> f.index).toList());
        lock.lock();
        try {
            for (FileTask f : inPlace) {
                f.finished(true);
                filesDone++;
                bytesDone += f.remote().size();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Chunks found verified on disk at the start: the file is scheduled for the rest, or placed. */
    void resumed(FileTask f, BitSet verified) {
        lock.lock();
        try {
            f.resumeWith(verified);
            bytesDone += f.doneBytes();
            if (f.complete()) {
                place(f);
            } else {
                schedule.offer(f);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- stopping

    /** Stops the transfer; it ends on its own thread ({@link #awaitEnd}). */
    void stop(Stop how) {
        List<SourceWorker> stopped;
        lock.lock();
        try {
            if (stop != null) {
                return;
            }
            stop = how;
            stopped = stopWorkers();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stopped.forEach(SourceWorker::close);
    }

    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void end() {
        List<SourceWorker> stopped;
        Stop how;
        lock.lock();
        try {
            stopped = stopWorkers();
            how = stop;
        } finally {
            lock.unlock();
        }
        stopped.forEach(SourceWorker::close);
        finisher.stop(how == Stop.HALT);
        for (FileTask f : files) {
            try {
                f.part.close();
            } catch (IOException e) {
                log.debug("Transfer {}: closing {}", id, f.part.path(), e);
            }
        }
        try {
            if (how != Stop.HALT) {
                settle(how);
            }
        } finally {
            try {
                ctx.ended().accept(this);
            } finally {
                ended.countDown();
            }
        }
    }

    /** Writes the final state (or, when the engine closes, the state to resume from) and the report. */
    private void settle(Stop how) {
        TransferStore.TransferRow row;
        lock.lock();
        try {
            if (how == Stop.CANCEL) {
                finish(TransferState.CANCELLED, null);
            } else if (how == null && failure != null) {
                finish(TransferState.FAILED, failure);
            } else if (how == null) {
                finish(TransferState.COMPLETE, null);
            }
            row = row();
        } finally {
            lock.unlock();
        }
        try {
            ctx.store().update(row);
            ctx.store().saveReport(id, status().sources(), status().errors());
        } catch (IOException e) {
            log.warn("Transfer {}: could not save its state", id, e);
        }
    }

    private void finish(TransferState end, String why) {
        state = end;
        message = Optional.ofNullable(why);
        finished = Optional.of(ctx.options().clock().instant());
    }

    private void setState(TransferState next, String why) {
        TransferStore.TransferRow row;
        lock.lock();
        try {
            state = next;
            message = Optional.ofNullable(why);
            row = row();
        } finally {
            lock.unlock();
        }
        try {
            ctx.store().update(row);
        } catch (IOException e) {
            log.warn("Transfer {}: could not save its state", id, e);
        }
    }

    // ---- status

    TransferStatus status() {
        lock.lock();
        try {
            boolean running = state == TransferState.RUNNING;
            return new TransferStatus(
                    id,
                    label,
                    direction,
                    state,
                    message,
                    bytesDone,
                    bytesTotal,
                    filesDone,
                    files.size(),
                    running ? rate.bytesPerSecond() : 0,
                    running ? rate.eta(bytesTotal - bytesDone) : Optional.empty(),
                    sources.statuses(),
                    errors,
                    started,
                    finished,
                    destination);
        } finally {
            lock.unlock();
        }
    }

    private TransferStore.TransferRow row() {
        return new TransferStore.TransferRow(
                id,
                label,
                direction,
                key,
                destination,
                state,
                message,
                started,
                finished,
                bytesDone,
                bytesTotal,
                filesDone,
                files.size());
    }

    /** The first file no source is left for, and how many others, for the WAITING sentence. */
    private String missing() {
        List<FileTask> left =
                files.stream().filter(f -> !f.finished() && !f.finishing()).toList();
        if (left.isEmpty()) {
            return "the rest";
        }
        String first = left.get(0).name();
        return left.size() == 1 ? first : first + " and " + (left.size() - 1) + " other files";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
