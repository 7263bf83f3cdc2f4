package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * Which chunk a source is asked for next. Sources pull: each asks for more whenever its window has
 * room, so a fast source takes more chunks than a slow one and none waits for a fixed split. Files
 * go in order and chunks in order within them, so small files finish one after another across
 * every channel. When nothing is left to ask of anyone, a source with room asks for a chunk that
 * is in flight at one other source only (the end game), starting from the one that source would
 * serve last, so a slow source cannot hold up the end. Not thread-safe: the job's lock guards it.
 */
final class Schedule {
    private final TreeSet<FileTask> withPending = new TreeSet<>(Comparator.comparingInt(f -> f.index));
    private final TreeSet<FileTask> withInFlight = new TreeSet<>(Comparator.comparingInt(f -> f.index));

    /** {@code file} has (again) chunks to ask for. */
    void offer(FileTask file) {
        if (file.hasPending()) {
            withPending.add(file);
        }
    }

    /** The next chunk to ask {@code peer} for, or null if it holds nothing still missing. */
    ChunkRequest next(PeerId peer) {
        Iterator<FileTask> files = withPending.iterator();
        while (files.hasNext()) {
            FileTask file = files.next();
            if (!file.hasPending()) {
                files.remove();
                continue;
            }
            Location at = file.sources().get(peer);
            if (at == null) {
                continue;
            }
            int i = file.takePending(peer);
            if (!file.hasPending()) {
                files.remove();
            }
            withInFlight.add(file);
            return ChunkRequest.of(file, i, at);
        }
        return duplicate(peer);
    }

    private ChunkRequest duplicate(PeerId peer) {
        Iterator<FileTask> files = withInFlight.iterator();
        while (files.hasNext()) {
            FileTask file = files.next();
            if (!file.hasInFlight() || file.changing()) {
                files.remove();
                continue;
            }
            Location at = file.sources().get(peer);
            if (at == null) {
                continue;
            }
            int i = file.takeDuplicate(peer);
            if (i >= 0) {
                return ChunkRequest.of(file, i, at);
            }
        }
        return null;
    }
}
