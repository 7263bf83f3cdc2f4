package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything one transfer knows while it runs, behind one lock: its files and their chunks, the
 * schedule, its sources and their workers, its counters, and why it waits, pauses or fails. The
 * job, its workers' events, its lookups and its placing of files all read and write it, always
 * holding {@link #lock}, and signal {@link #changed} after every change; nothing slow happens under
 * the lock (no hashing, disk writes or network calls).
 */
final class Ledger {
    /** Why a transfer stops before it is done. */
    enum Stop {
        /** The user cancelled it: it ends as CANCELLED. */
        CANCEL,
        /** The engine closes: its state stays, for {@link Transfers#resumeAll()}. */
        CLOSE,
        /** A simulated crash: nothing more is written. */
        HALT
    }

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final List<FileTask> files = new ArrayList<>();
    final Schedule schedule = new Schedule();
    final SourceBook sources = new SourceBook();
    final Map<PeerId, SourceWorker> workers = new HashMap<>();
    final List<TransferError> errors = new ArrayList<>();
    /** Files whose source said they changed, for the job to describe again. */
    final ArrayDeque<FileTask> changedFiles = new ArrayDeque<>();

    final RateMeter rate;
    private final Path destination;

    TransferState state = TransferState.QUEUED;
    Optional<String> message = Optional.empty();
    Optional<Instant> finished = Optional.empty();
    long bytesDone;
    long bytesTotal;
    int filesDone;
    Stop stop;
    /** The job has ended: late answers are dropped and nothing more is placed. */
    boolean ended;
    /** While the disk is full: the sentence saying so. */
    String diskFull;
    /** Once the transfer cannot go on: the sentence saying why. */
    String failure;
    /** Sources may need workers, or files need looking up. */
    boolean review = true;
    /** Retries so far: a file is looked up at most once per cycle. */
    int cycle;

    int locating;
    int placing;
    Duration backoff;

    Ledger(Path destination, TransferOptions options) {
        this.destination = destination;
        this.rate = new RateMeter(options.clock());
        this.backoff = options.retryInitial();
    }

    // ---- chunks that will not be answered

    /** Requests that will not be answered go back to the schedule. */
    void giveBack(List<ChunkRequest> requests, PeerId peer) {
        for (ChunkRequest r : requests) {
            giveBack(r, peer);
        }
    }

    void giveBack(ChunkRequest r, PeerId peer) {
        FileTask f = r.file();
        if (r.generation() == f.generation() && f.answered(r.index(), peer)) {
            schedule.offer(f);
        }
    }

    /** Stops every worker, giving their chunks back; the caller closes them without the lock. */
    List<SourceWorker> stopWorkers() {
        List<SourceWorker> stopped = new ArrayList<>(workers.values());
        for (SourceWorker w : stopped) {
            giveBack(w.stop(), w.peer());
        }
        workers.clear();
        return stopped;
    }

    // ---- local trouble

    /** Whether {@code e}, writing {@code f}, means its disk is full; if so the transfer pauses. */
    boolean diskFull(FileTask f, IOException e, long needed) {
        if (!PartFile.diskFull(e, f.target.getParent(), needed)) {
            return false;
        }
        if (diskFull == null) {
            diskFull = "The disk holding " + destination + " is full: " + Sizes.bytes(bytesTotal - bytesDone)
                    + " more are needed; the transfer goes on by itself once space is freed.";
        }
        return true;
    }

    /** The transfer cannot go on: the first reason given is the one the user sees. */
    void fail(String sentence) {
        if (stop == null && failure == null) {
            failure = sentence;
        }
    }

    // ---- progress

    /**
     * Nothing can make progress: no worker has chunks in flight or holds a file still missing, and
     * nothing is being looked up or put in place.
     */
    boolean stalled() {
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

    /** The first file still missing, and how many others, for the WAITING sentence. */
    String missing() {
        List<FileTask> left =
                files.stream().filter(f -> !f.finished() && !f.finishing()).toList();
        if (left.isEmpty()) {
            return "the rest";
        }
        String first = left.get(0).name();
        return left.size() == 1 ? first : first + " and " + (left.size() - 1) + " other files";
    }

    void finish(TransferState end, String why, Instant at) {
        state = end;
        message = Optional.ofNullable(why);
        finished = Optional.of(at);
    }

    // ---- what it looks like from outside

    /** The transfer as the user sees it, {@code row} giving what does not change. */
    TransferStatus status(TransferStore.TransferRow row) {
        boolean running = state == TransferState.RUNNING;
        return new TransferStatus(
                row.id(),
                row.label(),
                row.direction(),
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
                row.started(),
                finished,
                row.destination());
    }

    /** {@code row} with the current state and progress, to store. */
    TransferStore.TransferRow progress(TransferStore.TransferRow row) {
        return new TransferStore.TransferRow(
                row.id(),
                row.label(),
                row.direction(),
                row.key(),
                row.destination(),
                state,
                message,
                row.started(),
                finished,
                bytesDone,
                bytesTotal,
                filesDone,
                files.size());
    }
}
