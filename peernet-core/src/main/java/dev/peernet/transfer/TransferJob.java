package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.RemoteShareException;
import dev.peernet.storage.IoReason;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer from start to end, on its own virtual thread: it waits for a slot, checks what is on
 * disk already, then keeps a {@link SourceWorker} running for each usable member holding a missing
 * file, until every file is in place or the transfer is stopped. In between it describes changed
 * files again, looks up holders of files left without one, waits with backoff when nothing can
 * make progress, and pauses while the disk is full.
 */
final class TransferJob {
    private static final Logger log = LoggerFactory.getLogger(TransferJob.class);

    /** What the engine gives each of its transfers. */
    record Context(
            TransferStore store,
            ChunkNetwork network,
            TransferOptions options,
            Semaphore slots,
            Consumer<TransferJob> ended) {}

    private final Context ctx;
    private final TransferStore.TransferRow row;
    private final Ledger ledger;
    private final Placement placement;
    private final ChunkIntake intake;
    private final Locator locator;
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean retryDue;
    private int retryToken;

    TransferJob(Context ctx, TransferStore.TransferRow row, List<TransferStore.FileRow> rows) {
        this.ctx = ctx;
        this.row = row;
        this.ledger = new Ledger(row.destination(), ctx.options());
        this.placement = new Placement(ledger, ctx.store(), row.id(), ctx.options());
        this.intake = new ChunkIntake(ledger, ctx.network(), ctx.options(), placement);
        this.locator = new Locator(ledger, ctx.network(), ctx.options(), row.id());
        for (TransferStore.FileRow r : rows) {
            FileTask f = new FileTask(r.index(), r.remote(), r.target());
            ledger.files.add(f);
            ledger.bytesTotal += r.remote().size();
            if (r.done()) {
                f.finished(true);
                ledger.filesDone++;
                ledger.bytesDone += r.remote().size();
            }
        }
    }

    String id() {
        return row.id();
    }

    String key() {
        return row.key();
    }

    /** Restores the report of an earlier run (sources and their bans, errors). */
    void restore(List<SourceStatus> savedSources, List<TransferError> savedErrors) {
        ledger.lock.lock();
        try {
            ledger.sources.restore(savedSources);
            ledger.errors.addAll(savedErrors);
        } finally {
            ledger.lock.unlock();
        }
    }

    void start() {
        Thread.ofVirtual().name("peernet-transfer-" + id()).start(this::run);
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
            log.warn("Transfer {} failed", id(), e);
            ledger.lock.lock();
            try {
                ledger.fail(stoppedBy(e));
            } finally {
                ledger.lock.unlock();
            }
        } finally {
            end();
        }
    }

    private boolean waitForSlot() throws InterruptedException {
        while (!ctx.slots().tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (stopped()) {
                return false;
            }
        }
        return true;
    }

    private void work() throws InterruptedException, IOException {
        setState(TransferState.RUNNING, null);
        Preparation.prepare(ledger.files, placement, this::stopped);
        ledger.lock.lock();
        try {
            locator.locate(ledger.files.stream()
                    .filter(f -> !f.finished() && f.chunkCount() > 1)
                    .toList());
            while (ledger.stop == null && ledger.failure == null && ledger.filesDone < ledger.files.size()) {
                if (ledger.diskFull != null) {
                    pauseForDisk();
                } else if (!ledger.changedFiles.isEmpty()) {
                    redescribe(ledger.changedFiles.poll());
                } else if (ledger.review) {
                    ledger.review = false;
                    review();
                } else if (ledger.stalled()) {
                    waitForSources();
                } else {
                    ledger.changed.await();
                }
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Gives every usable source of a missing file a worker, and looks up holders of files without one. */
    private void review() {
        Set<PeerId> wanted = new LinkedHashSet<>();
        List<FileTask> orphans = new ArrayList<>();
        for (FileTask f : ledger.files) {
            if (f.finished() || f.finishing() || f.changing()) {
                continue;
            }
            List<PeerId> usable =
                    f.sources().keySet().stream().filter(ledger.sources::usable).toList();
            wanted.addAll(usable);
            if (usable.isEmpty() && f.locatedInCycle != ledger.cycle) {
                orphans.add(f);
            }
        }
        for (PeerId peer : wanted) {
            if (!ledger.workers.containsKey(peer)) {
                SourceWorker w =
                        new SourceWorker(peer, intake, ledger.schedule, ledger.lock, ledger.changed, ctx.options());
                ledger.workers.put(peer, w);
                ledger.sources.used(peer);
                w.start();
            }
        }
        locator.locate(orphans);
    }

    private void waitForSources() throws InterruptedException {
        Duration delay = ledger.backoff;
        Duration doubled = delay.multipliedBy(2);
        ledger.backoff =
                doubled.compareTo(ctx.options().retryMax()) > 0 ? ctx.options().retryMax() : doubled;
        setState(
                TransferState.WAITING,
                "No member holding " + ledger.missing() + " is online; trying again in " + Sizes.duration(delay) + ".");
        awaitRetry(delay);
        ledger.cycle++;
        ledger.sources.retryAll();
        ledger.review = true;
        if (ledger.stop == null) {
            setState(TransferState.RUNNING, null);
        }
    }

    private void pauseForDisk() throws InterruptedException {
        setState(TransferState.PAUSED, ledger.diskFull);
        closeWithoutLock(ledger.stopWorkers());
        awaitRetry(ctx.options().diskRetry());
        ledger.diskFull = null;
        ledger.review = true;
        placement.retryComplete();
        if (ledger.stop == null) {
            setState(TransferState.RUNNING, null);
        }
    }

    /** Waits (holding the lock, released while waiting) until the scheduler says to retry, or a stop. */
    private void awaitRetry(Duration delay) throws InterruptedException {
        int token = ++retryToken;
        ctx.options().scheduler().schedule(delay, () -> retry(token));
        while (!retryDue && ledger.stop == null) {
            ledger.changed.await();
        }
        retryDue = false;
    }

    private void retry(int token) {
        ledger.lock.lock();
        try {
            if (token == retryToken) {
                retryDue = true;
                ledger.changed.signalAll();
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** The source of {@code f} said its content changed: describe it again, and fetch the new content. */
    private void redescribe(FileTask f) throws InterruptedException {
        while (f.isWriting()) {
            ledger.changed.await();
        }
        Location at = f.remote().location();
        RemoteFile fresh = null;
        IOException failed = null;
        ledger.lock.unlock();
        try {
            fresh = Preparation.checked(ctx.network().describe(at));
        } catch (IOException e) {
            failed = e;
        } finally {
            ledger.lock.lock();
        }
        if (fresh != null) {
            replace(f, fresh);
        } else {
            if (!(failed instanceof RemoteShareException)) {
                ledger.sources.down(at.peer(), "It left: " + failed.getMessage());
            }
            f.removeSource(at.peer());
            ledger.errors.add(new TransferError(
                    Optional.of(at.peer()),
                    f.name(),
                    "It changed at its source, which could not describe it again: " + failed.getMessage()));
            f.unsuspend();
            ledger.schedule.offer(f);
        }
        ledger.review = true;
    }

    private void replace(FileTask f, RemoteFile fresh) {
        long doneBefore = f.doneBytes();
        ledger.bytesTotal += fresh.size() - f.remote().size();
        f.replace(fresh);
        ledger.bytesDone += f.doneBytes() - doneBefore;
        ledger.errors.add(new TransferError(
                Optional.of(fresh.location().peer()),
                f.name(),
                "It changed while being fetched; its new content is fetched instead."));
        try {
            ctx.store().replaceFile(id(), f.index, fresh);
            f.part.truncate(fresh.size());
        } catch (IOException e) {
            ledger.fail("Could not start " + f.target + " again after it changed: " + IoReason.of(e) + ".");
        }
        if (f.complete()) {
            placement.place(f);
        } else {
            ledger.schedule.offer(f);
            if (f.chunkCount() > 1) {
                locator.locate(List.of(f));
            }
        }
    }

    /** Closes channels without holding the lock (closing may wait for the network). Holds the lock. */
    private void closeWithoutLock(List<SourceWorker> stopped) {
        ledger.lock.unlock();
        try {
            stopped.forEach(SourceWorker::close);
        } finally {
            ledger.lock.lock();
        }
    }

    // ---- stopping

    /** Stops the transfer; it ends on its own thread ({@link #awaitEnd}). */
    void stop(Ledger.Stop how) {
        List<SourceWorker> stopped;
        ledger.lock.lock();
        try {
            if (ledger.stop != null) {
                return;
            }
            ledger.stop = how;
            stopped = ledger.stopWorkers();
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
        stopped.forEach(SourceWorker::close);
    }

    boolean stopped() {
        ledger.lock.lock();
        try {
            return ledger.stop != null;
        } finally {
            ledger.lock.unlock();
        }
    }

    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void end() {
        List<SourceWorker> stopped;
        Ledger.Stop how;
        ledger.lock.lock();
        try {
            ledger.ended = true;
            stopped = ledger.stopWorkers();
            how = ledger.stop;
        } finally {
            ledger.lock.unlock();
        }
        stopped.forEach(SourceWorker::close);
        placement.stop(how == Ledger.Stop.HALT);
        for (FileTask f : ledger.files) {
            try {
                f.part.close();
            } catch (IOException e) {
                log.debug("Transfer {}: closing {}", id(), f.part.path(), e);
            }
        }
        try {
            if (how != Ledger.Stop.HALT) {
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
    private void settle(Ledger.Stop how) {
        Instant now = ctx.options().clock().instant();
        ledger.lock.lock();
        try {
            if (how == Ledger.Stop.CANCEL) {
                ledger.finish(TransferState.CANCELLED, null, now);
            } else if (how == null && ledger.failure != null) {
                ledger.finish(TransferState.FAILED, ledger.failure, now);
            } else if (how == null) {
                ledger.finish(TransferState.COMPLETE, null, now);
            }
        } finally {
            ledger.lock.unlock();
        }
        if (!saveFinal()) {
            log.warn("Transfer {}: could not save how it ended; it is kept in memory and saved later", id());
        }
    }

    /** False while the final state could not be written (a full disk under the node's state, say). */
    private volatile boolean saved = true;

    boolean saved() {
        return saved;
    }

    /** Writes the state and report as they are now; true once written. */
    boolean saveFinal() {
        TransferStatus status = status();
        try {
            ctx.store().update(progress());
            ctx.store().saveReport(id(), status.sources(), status.errors());
            saved = true;
        } catch (IOException e) {
            log.debug("Transfer {}: could not save its state", id(), e);
            saved = false;
        }
        return saved;
    }

    private void setState(TransferState next, String why) {
        ledger.lock.lock();
        try {
            ledger.state = next;
            ledger.message = Optional.ofNullable(why);
        } finally {
            ledger.lock.unlock();
        }
        try {
            ctx.store().update(progress());
        } catch (IOException e) {
            log.warn("Transfer {}: could not save its state", id(), e);
        }
    }

    // ---- status

    TransferStatus status() {
        ledger.lock.lock();
        try {
            return ledger.status(row);
        } finally {
            ledger.lock.unlock();
        }
    }

    /** The row with the current state and progress. */
    private TransferStore.TransferRow progress() {
        ledger.lock.lock();
        try {
            return ledger.progress(row);
        } finally {
            ledger.lock.unlock();
        }
    }

    /**
     * The sentence for a transfer that {@code e} stopped: an I/O failure in its own words (never
     * "null", never a path the sentence does not already give), a bug as what it is.
     */
    static String stoppedBy(Exception e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return stoppedBy(u.getCause());
        }
        if (e instanceof IOException io) {
            String why = IoReason.of(io);
            return "The transfer stopped: " + why + (why.endsWith(".") ? "" : ".");
        }
        return "The transfer stopped on a fault in this node (" + e.getClass().getSimpleName()
                + "); its log has the details, and `peernet get` again resumes it.";
    }
}
