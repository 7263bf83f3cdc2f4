package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Error;
import dev.peernet.storage.IoReason;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a transfer does with what its sources answer: a chunk is checked against its hash and
 * written to its part file; a bad chunk bans its source; a refusal removes the source from that
 * file, pauses it (rate limit) or has the file described again (it changed); a broken channel
 * hands the source's chunks to the others.
 */
final class ChunkIntake implements SourceWorker.Events {
    /** A rate limit with no delay given is honoured for this long. */
    private static final Duration DEFAULT_RATE_LIMIT = Duration.ofSeconds(1);

    private final Ledger ledger;
    private final ChunkNetwork network;
    private final TransferOptions options;
    private final Placement placement;

    ChunkIntake(Ledger ledger, ChunkNetwork network, TransferOptions options, Placement placement) {
        this.ledger = ledger;
        this.network = network;
        this.options = options;
        this.placement = placement;
    }

    @Override
    public ChunkNetwork network() {
        return network;
    }

    @Override
    public void delivered(SourceWorker w, ChunkRequest r, byte[] data, int length) {
        boolean valid = length == r.length() && Preparation.matches(data, length, r.chunkHash());
        FileTask f = r.file();
        ledger.lock.lock();
        try {
            if (r.generation() != f.generation() || ledger.ended) {
                return; // asked before the file changed, or answered after the transfer ended
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
            ledger.changed.signalAll();
            ledger.lock.unlock();
        }
        write(w.peer(), r, data, length);
    }

    private void write(PeerId peer, ChunkRequest r, byte[] data, int length) {
        FileTask f = r.file();
        IOException failed = null;
        try {
            f.part.write(r.offset(), data, length);
        } catch (IOException e) {
            failed = e;
        }
        ledger.lock.lock();
        try {
            if (failed != null) {
                f.writeFailed(r.index());
                ledger.schedule.offer(f);
                if (!ledger.diskFull(f, failed, length)) {
                    ledger.fail("Could not write " + f.part.path() + ": " + IoReason.of(failed) + ".");
                }
            } else {
                written(peer, f, r.index(), length);
            }
            if (ledger.ended) {
                closeQuietly(f); // the job closed its files while this chunk was being written
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }

    private void written(PeerId peer, FileTask f, int index, int length) {
        f.written(index);
        ledger.bytesDone += length;
        ledger.sources.served(peer, length);
        ledger.rate.add(length);
        ledger.backoff = options.retryInitial();
        if (f.complete() && !f.changing() && !f.finishing()) {
            placement.place(f);
        }
    }

    private static void closeQuietly(FileTask f) {
        try {
            f.part.close();
        } catch (IOException e) {
            // the chunk is written; a resume re-hashes it anyway
        }
    }

    @Override
    public void refused(SourceWorker w, ChunkRequest r, RemoteShareException e) {
        FileTask f = r.file();
        ledger.lock.lock();
        try {
            if (r.generation() != f.generation()) {
                return;
            }
            Error.Code code = e.code();
            if (code == Error.Code.RATE_LIMITED) {
                ledger.giveBack(r, w.peer());
                long ms = e.retryAfterMillis();
                w.pauseFor(ms > 0 ? Duration.ofMillis(ms) : DEFAULT_RATE_LIMIT, options.scheduler());
            } else if (code == Error.Code.FILE_CHANGED && (f.complete() || f.finishing() || f.finished())) {
                // Every chunk is in, each verified against the content asked for: a late answer to a
                // duplicate request changes nothing (replacing now would start a placed file over).
            } else if (code == Error.Code.FILE_CHANGED
                    && r.location().equals(f.remote().location())) {
                f.suspend();
                ledger.changedFiles.add(f);
            } else {
                noLongerHeldBy(w.peer(), r, code == Error.Code.FILE_CHANGED ? null : e.getMessage());
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }

    /** {@code peer} does not have the file (any more): it is no source of it; {@code why} goes in the errors. */
    private void noLongerHeldBy(PeerId peer, ChunkRequest r, String why) {
        FileTask f = r.file();
        boolean wasSource = f.sources().containsKey(peer);
        f.removeSource(peer);
        ledger.giveBack(r, peer);
        if (wasSource && why != null) {
            ledger.errors.add(new TransferError(Optional.of(peer), f.name(), why));
        }
        ledger.review = true;
    }

    @Override
    public void lost(SourceWorker w, IOException e) {
        ledger.lock.lock();
        try {
            if (ledger.workers.get(w.peer()) != w) {
                return; // stopped already
            }
            ledger.workers.remove(w.peer());
            ledger.giveBack(w.stop(), w.peer());
            if (ledger.stop == null) {
                ledger.sources.down(w.peer(), "It left: " + e.getMessage());
                ledger.review = true;
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
        w.close();
    }

    /** {@code w} served a bad chunk: it is never asked again by this transfer. Holds the lock. */
    private void ban(SourceWorker w, ChunkRequest r, String what) {
        FileTask f = r.file();
        PeerId peer = w.peer();
        f.answered(r.index(), peer);
        ledger.schedule.offer(f);
        if (ledger.sources.banned(peer)) {
            return; // a chunk it sent before it was dropped, checked after: already reported
        }
        if (ledger.workers.get(peer) == w) {
            ledger.workers.remove(peer);
            ledger.giveBack(w.stop(), peer);
        }
        ledger.sources.ban(peer, SourceBook.BAD_DATA + what + " in " + f.name() + ".");
        for (FileTask file : ledger.files) {
            file.removeSource(peer);
        }
        String sentence = "The member served bad data (" + what + ") and was dropped from this transfer.";
        ledger.errors.add(new TransferError(Optional.of(peer), f.name(), sentence));
        ledger.review = true;
        Thread.ofVirtual().start(w::close); // not under the lock: closing may wait for the network
    }
}
