package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One file of a transfer and the state of each of its chunks: pending (asked of no one), in flight
 * (asked of one source, or two in the end game), being written, or done (verified and written to
 * the part file). Not thread-safe: the job's lock guards it.
 */
final class FileTask {
    final int index;
    final Path target;
    final PartFile part;
    private RemoteFile remote;
    /** Bumped when the content is replaced; answers asked under an older generation are dropped. */
    private int generation;

    private final Map<PeerId, Location> sources = new LinkedHashMap<>();
    private BitSet pending = new BitSet();
    private BitSet done = new BitSet();
    private final BitSet writing = new BitSet();
    private final TreeMap<Integer, List<PeerId>> inFlight = new TreeMap<>();
    private boolean changing;
    private boolean finishing;
    private boolean finished;
    /** The last retry cycle in which members were asked who holds this file. */
    int locatedInCycle = -1;

    FileTask(int index, RemoteFile remote, Path target) {
        this.index = index;
        this.target = target;
        this.part = new PartFile(target);
        this.remote = remote;
        this.sources.put(remote.location().peer(), remote.location());
        this.pending.set(0, chunkCount());
    }

    RemoteFile remote() {
        return remote;
    }

    int generation() {
        return generation;
    }

    int chunkCount() {
        return remote.hash().chunkCount();
    }

    int chunkLength(int i) {
        long start = (long) i * remote.hash().chunkSize();
        return (int) Math.min(remote.hash().chunkSize(), remote.size() - start);
    }

    long offset(int i) {
        return (long) i * remote.hash().chunkSize();
    }

    String name() {
        return remote.location().share() + "/" + remote.location().path();
    }

    // ---- sources

    Map<PeerId, Location> sources() {
        return sources;
    }

    boolean addSource(Location location) {
        return sources.putIfAbsent(location.peer(), location) == null;
    }

    void removeSource(PeerId peer) {
        sources.remove(peer);
    }

    // ---- chunk states

    boolean hasPending() {
        return !changing && !pending.isEmpty();
    }

    /** Takes the first pending chunk for {@code peer}, or -1. */
    int takePending(PeerId peer) {
        int i = pending.nextSetBit(0);
        if (i >= 0) {
            pending.clear(i);
            inFlight.computeIfAbsent(i, k -> new ArrayList<>(2)).add(peer);
        }
        return i;
    }

    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /**
     * End game: the highest chunk in flight at one other source only (the last it will serve), to
     * ask of {@code peer} as well; or -1. A chunk already done is still in flight at a slow source
     * until it answers, and is never asked again.
     */
    int takeDuplicate(PeerId peer) {
        for (var e : inFlight.descendingMap().entrySet()) {
            List<PeerId> at = e.getValue();
            if (at.size() == 1 && !at.contains(peer) && !writing.get(e.getKey()) && !done.get(e.getKey())) {
                at.add(peer);
                return e.getKey();
            }
        }
        return -1;
    }

    /** {@code peer} answered chunk {@code i} or will not; true if the chunk became pending again. */
    boolean answered(int i, PeerId peer) {
        List<PeerId> at = inFlight.get(i);
        if (at != null) {
            at.remove(peer);
            if (at.isEmpty()) {
                inFlight.remove(i);
            }
        }
        if (changing || at == null || !at.isEmpty() || done.get(i) || writing.get(i)) {
            return false;
        }
        pending.set(i);
        return true;
    }

    /** Whether chunk {@code i} still needs writing; if so it is now being written. */
    boolean startWriting(int i) {
        if (done.get(i) || writing.get(i)) {
            return false;
        }
        writing.set(i);
        return true;
    }

    void written(int i) {
        writing.clear(i);
        done.set(i);
    }

    /** Writing failed (a full disk): the chunk is pending again unless another source has it in flight. */
    void writeFailed(int i) {
        writing.clear(i);
        if (!inFlight.containsKey(i) && !changing) {
            pending.set(i);
        }
    }

    boolean isWriting() {
        return !writing.isEmpty();
    }

    boolean complete() {
        return done.cardinality() == chunkCount();
    }

    long doneBytes() {
        long bytes = 0;
        for (int i = done.nextSetBit(0); i >= 0; i = done.nextSetBit(i + 1)) {
            bytes += chunkLength(i);
        }
        return bytes;
    }

    BitSet done() {
        return (BitSet) done.clone();
    }

    /** Marks the chunks found verified on disk (at resume) as done. */
    void resumeWith(BitSet verified) {
        done = (BitSet) verified.clone();
        pending = new BitSet();
        pending.set(0, chunkCount());
        pending.andNot(done);
    }

    // ---- a change at the source

    /** Stops scheduling this file until {@link #replace}: the source said its content changed. */
    void suspend() {
        changing = true;
        generation++;
        pending.clear();
        inFlight.clear();
    }

    /** Schedules the file again with its old content, after it could not be described anew. */
    void unsuspend() {
        changing = false;
        resumeWith(done);
    }

    boolean changing() {
        return changing;
    }

    /**
     * Takes the file's new content: chunks whose hash is unchanged stay done (same chunk size, same
     * offset), all others are pending again; only {@code remote}'s holder is a source.
     */
    void replace(RemoteFile changed) {
        ContentHash before = remote.hash();
        ContentHash after = changed.hash();
        BitSet kept = new BitSet();
        if (before.chunkSize() == after.chunkSize()) {
            int common = Math.min(before.chunkCount(), after.chunkCount());
            for (int i = done.nextSetBit(0); i >= 0 && i < common; i = done.nextSetBit(i + 1)) {
                if (Arrays.equals(before.chunkHash(i), after.chunkHash(i))) {
                    kept.set(i);
                }
            }
        }
        remote = changed;
        generation++;
        sources.clear();
        sources.put(changed.location().peer(), changed.location());
        changing = false;
        locatedInCycle = -1;
        resumeWith(kept);
    }

    // ---- placement

    boolean finishing() {
        return finishing;
    }

    void finishing(boolean value) {
        finishing = value;
    }

    boolean finished() {
        return finished;
    }

    void finished(boolean value) {
        finished = value;
    }
}
