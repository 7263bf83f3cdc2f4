package dev.peernet.transfer;

import dev.peernet.storage.IoReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts complete files in place: fsync, mtime, atomic rename onto the destination. A few run at once
 * on virtual threads, so one file's fsync does not hold up the next; each rename's folder is then
 * fsynced and the files recorded as done in batches: whoever finishes a file while no batch is
 * being written writes the batch, and files finished meanwhile wait for the next one, so 5 000
 * small files cost a few hundred folder fsyncs and transactions, not 5 000.
 */
final class Finisher {
    private static final Logger log = LoggerFactory.getLogger(Finisher.class);

    /** What the finisher tells its transfer. */
    interface Events {
        /** The files are in place and recorded as done. */
        void placed(List<FileTask> files);

        /** {@code file} could not be put in place. */
        void placingFailed(FileTask file, IOException e);

        /** Recording that {@code files} are done failed ({@code why}); they are in place all the same. */
        void recordingFailed(List<FileTask> files, String why);
    }

    /** One complete file with the size and mtime it must get. */
    private record Job(FileTask file, long size, long mtimeMillis) {}

    private final TransferStore store;
    private final String transfer;
    private final Events events;
    private final ThreadPoolExecutor threads;
    private final List<FileTask> batch = new ArrayList<>();
    private boolean writing;

    Finisher(TransferStore store, String transfer, int parallel, Events events) {
        this.store = store;
        this.transfer = transfer;
        this.events = events;
        this.threads = new ThreadPoolExecutor(
                parallel,
                parallel,
                10,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofVirtual().name("peernet-transfer-place-", 0).factory());
    }

    /** Puts {@code file}, whose chunks are all verified and written, in place in the background. */
    void submit(FileTask file, long size, long mtimeMillis) {
        Job job = new Job(file, size, mtimeMillis);
        threads.execute(() -> place(job));
    }

    private void place(Job job) {
        try {
            job.file().part.finish(job.size(), job.mtimeMillis());
        } catch (IOException e) {
            events.placingFailed(job.file(), e);
            return;
        }
        record(job.file());
    }

    private void record(FileTask file) {
        synchronized (this) {
            batch.add(file);
            if (writing) {
                return;
            }
            writing = true;
        }
        while (true) {
            List<FileTask> files;
            synchronized (this) {
                if (batch.isEmpty()) {
                    writing = false;
                    return;
                }
                files = List.copyOf(batch);
                batch.clear();
            }
            write(files);
        }
    }

    private void write(List<FileTask> files) {
        Set<Path> folders = new LinkedHashSet<>();
        List<Integer> indexes = new ArrayList<>(files.size());
        for (FileTask f : files) {
            folders.add(f.target.getParent());
            indexes.add(f.index);
        }
        try {
            for (Path folder : folders) {
                PartFile.forceDirectory(folder);
            }
            store.markDone(transfer, indexes);
        } catch (IOException e) {
            events.recordingFailed(files, store.onFullDisk() ? "the disk holding its state is full" : IoReason.of(e));
        }
        events.placed(files);
    }

    /**
     * Drops the files not yet started (their part files stay, and a resume finds them complete)
     * and waits for those being placed; with {@code now}, interrupts them instead (a crash test).
     */
    void stop(boolean now) {
        if (now) {
            threads.shutdownNow();
            return;
        }
        threads.getQueue().clear();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Transfer {}: files still being put in place after 10 s", transfer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
