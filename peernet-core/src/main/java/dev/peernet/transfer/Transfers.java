package dev.peernet.transfer;

import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transfer engine: fetches files and directories from the members that hold them, in the
 * background on virtual threads, and keeps every transfer in SQLite so that it resumes after a
 * crash or a restart (see the package documentation for the pipeline, ADR 0011 for the reasons).
 *
 * <p>Cancelling stops a transfer and keeps its verified chunks: fetching the same thing to the same
 * place again resumes it. The part files of a cancelled or failed transfer are deleted once it
 * drops out of the list of recent transfers.
 */
public final class Transfers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    /** How long {@link #close()} and {@link #cancel} wait for a transfer to settle. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final TransferStore store;
    private final ChunkNetwork network;
    private final TransferOptions options;
    private final Semaphore slots;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TransferJob> active = new LinkedHashMap<>();
    private final List<Consumer<TransferStatus>> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    private Transfers(TransferStore store, ChunkNetwork network, TransferOptions options) {
        this.store = store;
        this.network = network;
        this.options = options;
        this.slots = new Semaphore(options.maxRunning());
    }

    /** Opens the transfers kept in {@code dbFile}; call {@link #resumeAll()} to go on with unfinished ones. */
    public static Transfers open(Path dbFile, ChunkNetwork network, TransferOptions options) throws IOException {
        return new Transfers(TransferStore.open(dbFile), network, options);
    }

    /**
     * Fetches the file or directory at {@code from} to {@code dest}: into it under its own name if
     * {@code dest} is an existing directory, else to {@code dest} itself. Returns at once; if the same
     * fetch to the same place did not complete before, it is resumed instead.
     *
     * @throws IOException if the member cannot describe it (for example, there is no such file)
     */
    public TransferStatus fetch(Location from, Path dest) throws IOException {
        Path base = dest.toAbsolutePath().normalize();
        String key = "fetch " + from.peer() + " " + from.share() + "/" + from.path() + " -> " + base;
        Optional<TransferStatus> again = resume(key);
        if (again.isPresent()) {
            return again.get();
        }
        Described what = describe(from);
        List<TransferStore.FileRow> rows = new ArrayList<>();
        Path root;
        if (what.file() != null) {
            root = Targets.forFile(from, base);
            if (Files.isDirectory(root)) {
                throw new IOException("There is a folder at " + root + "; choose another destination.");
            }
            rows.add(new TransferStore.FileRow(0, Preparation.checked(what.file()), root, false));
        } else {
            root = Targets.forDirectory(from, base);
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new IOException("There is a file at " + root + "; choose another destination.");
            }
            for (RemoteFile f : what.tree()) {
                Path target = Targets.inside(
                        root, Targets.relativeTo(from.path(), f.location().path()));
                rows.add(new TransferStore.FileRow(rows.size(), Preparation.checked(f), target, false));
            }
            Files.createDirectories(root);
        }
        return start(key, from.toString(), TransferDirection.DOWNLOAD, root, rows);
    }

    /**
     * Fetches {@code files} (of a one-shot send) into {@code destDir}, each under its location's path.
     * Returns at once; the same label for files of the same member's share (one offer) to the same
     * place again resumes the earlier transfer.
     */
    public TransferStatus fetch(String label, List<RemoteFile> files, Path destDir) throws IOException {
        return fetch(label, files, destDir, java.util.function.UnaryOperator.identity());
    }

    /**
     * Like {@link #fetch(String, List, Path)}, with each file put at {@code placement} of its
     * location's path (relative to {@code destDir}), so that a receiver can keep what it has.
     */
    public TransferStatus fetch(
            String label, List<RemoteFile> files, Path destDir, java.util.function.UnaryOperator<String> placement)
            throws IOException {
        Path root = destDir.toAbsolutePath().normalize();
        // The member and share name the files: two sends of one name (one label) are two transfers.
        String from = files.isEmpty()
                ? ""
                : files.getFirst().location().peer() + " "
                        + files.getFirst().location().share() + " ";
        String key = "files " + from + label + " -> " + root;
        Optional<TransferStatus> again = resume(key);
        if (again.isPresent()) {
            return again.get();
        }
        List<TransferStore.FileRow> rows = new ArrayList<>();
        for (RemoteFile f : files) {
            Path target = Targets.inside(root, placement.apply(f.location().path()));
            rows.add(new TransferStore.FileRow(rows.size(), Preparation.checked(f), target, false));
        }
        Files.createDirectories(root);
        return start(key, label, TransferDirection.DOWNLOAD, root, rows);
    }

    /** Running and unfinished transfers first, oldest first; then the recent finished ones, newest first. */
    public List<TransferStatus> list() throws IOException {
        List<TransferStatus> out = new ArrayList<>();
        Set<String> shown;
        synchronized (this) {
            saveUnsaved();
            for (TransferJob job : active.values()) {
                out.add(job.status());
            }
            for (TransferJob job : unsaved.values()) {
                out.add(job.status());
            }
            shown = new java.util.HashSet<>(active.keySet());
            shown.addAll(unsaved.keySet());
        }
        for (TransferStore.TransferRow row : store.unfinished()) {
            if (!shown.contains(row.id())) {
                out.add(stored(row));
            }
        }
        for (TransferStore.TransferRow row : store.finished(options.keepFinished())) {
            if (!shown.contains(row.id())) { // a job that ended since the snapshot is listed once
                out.add(stored(row));
            }
        }
        return out;
    }

    /** The transfer {@code id}, if this node has it. */
    public Optional<TransferStatus> status(String id) throws IOException {
        synchronized (this) {
            saveUnsaved();
            TransferJob job = active.containsKey(id) ? active.get(id) : unsaved.get(id);
            if (job != null) {
                return Optional.of(job.status());
            }
        }
        Optional<TransferStore.TransferRow> row = store.transfer(id);
        return row.isPresent() ? Optional.of(stored(row.get())) : Optional.empty();
    }

    /**
     * Stops transfer {@code id} and marks it cancelled; its verified chunks stay, so fetching the
     * same thing to the same place again resumes it. False if there is no such transfer or it had
     * finished already.
     */
    public boolean cancel(String id) throws IOException {
        TransferJob job;
        synchronized (this) {
            job = active.get(id);
        }
        if (job != null) {
            job.stop(Ledger.Stop.CANCEL);
            await(job);
            return true;
        }
        Optional<TransferStore.TransferRow> row = store.transfer(id);
        if (row.isEmpty() || row.get().state().isFinal()) {
            return false;
        }
        TransferStore.TransferRow r = row.get();
        store.update(new TransferStore.TransferRow(
                r.id(),
                r.label(),
                r.direction(),
                r.key(),
                r.destination(),
                TransferState.CANCELLED,
                Optional.empty(),
                r.started(),
                Optional.of(options.clock().instant()),
                r.bytesDone(),
                r.bytesTotal(),
                r.filesDone(),
                r.filesTotal()));
        return true;
    }

    /** Goes on, in the background, with every transfer that was unfinished when the engine last stopped. */
    public void resumeAll() throws IOException {
        for (TransferStore.TransferRow row : store.unfinished()) {
            synchronized (this) {
                checkOpen();
                if (!active.containsKey(row.id())) {
                    launch(row);
                }
            }
        }
    }

    /** Calls {@code listener} with the final status of each transfer that completes, fails or is cancelled. */
    public void onFinished(Consumer<TransferStatus> listener) {
        listeners.add(listener);
    }

    /**
     * Stops every transfer, keeping each one's state for {@link #resumeAll()}, and closes the store.
     */
    @Override
    public void close() {
        stopAll(Ledger.Stop.CLOSE);
    }

    /** A crash, for tests: stops every transfer without writing anything more, as kill -9 would. */
    void halt() {
        stopAll(Ledger.Stop.HALT);
    }

    private void stopAll(Ledger.Stop how) {
        List<TransferJob> jobs;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            jobs = List.copyOf(active.values());
        }
        for (TransferJob job : jobs) {
            job.stop(how);
        }
        for (TransferJob job : jobs) {
            await(job);
        }
        store.close();
    }

    // ---- starting

    private record Described(RemoteFile file, List<RemoteFile> tree) {}

    /**
     * A file, or else a directory: a path the member does not know as a file is asked for as a
     * directory, and if that fails too the first refusal is the one the user sees.
     */
    private Described describe(Location from) throws IOException {
        if (from.path().isEmpty()) {
            return new Described(null, network.describeTree(from));
        }
        try {
            return new Described(network.describe(from), null);
        } catch (RemoteShareException notAFile) {
            if (notAFile.code() != Error.Code.NOT_FOUND && notAFile.code() != Error.Code.BAD_REQUEST) {
                throw notAFile;
            }
            try {
                return new Described(null, network.describeTree(from));
            } catch (RemoteShareException notADirectory) {
                throw notAFile;
            }
        }
    }

    private Optional<TransferStatus> resume(String key) throws IOException {
        synchronized (this) {
            checkOpen();
            saveUnsaved();
            for (TransferJob job : active.values()) {
                if (job.key().equals(key)) {
                    return Optional.of(job.status());
                }
            }
            for (TransferJob job : unsaved.values()) {
                if (job.key().equals(key) && job.status().state() == TransferState.COMPLETE) {
                    return Optional.empty(); // done; the store's "running" row is stale
                }
            }
            Optional<TransferStore.TransferRow> row = store.unfinished(key);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            checkNotBusy(store.files(row.get().id()), row.get().id());
            return Optional.of(launch(row.get()).status());
        }
    }

    private synchronized TransferStatus start(
            String key, String label, TransferDirection direction, Path root, List<TransferStore.FileRow> rows)
            throws IOException {
        Optional<TransferStatus> raced = resume(key);
        if (raced.isPresent()) {
            return raced.get();
        }
        checkNotBusy(rows, "");
        long bytes = rows.stream().mapToLong(r -> r.remote().size()).sum();
        TransferStore.TransferRow row = new TransferStore.TransferRow(
                newId(),
                label,
                direction,
                key,
                root,
                TransferState.QUEUED,
                Optional.empty(),
                options.clock().instant(),
                Optional.empty(),
                0,
                bytes,
                0,
                rows.size());
        store.insert(row, rows);
        TransferJob job = new TransferJob(context(), row, rows);
        active.put(row.id(), job);
        job.start();
        return job.status();
    }

    /**
     * Where running, waiting or paused transfers still have a file to place: names that are taken
     * although nothing may be there yet.
     */
    public Set<Path> placesBeingWritten() throws IOException {
        return Set.copyOf(store.liveTargets().keySet());
    }

    /**
     * Refuses a transfer (other than {@code self}) that would write a file another live transfer
     * is still writing: both would write the one part file beside it, each with its own content.
     */
    private void checkNotBusy(List<TransferStore.FileRow> rows, String self) throws IOException {
        Map<Path, String> live = store.liveTargets();
        for (TransferStore.FileRow r : rows) {
            String other = live.get(r.target());
            if (!r.done() && other != null && !other.equals(self)) {
                throw new IOException("Transfer " + other + " is already fetching into " + r.target()
                        + "; wait for it to end, or choose another destination.");
            }
        }
    }

    /**
     * Ended transfers whose end could not be written yet (the disk under the node's state was
     * full): the store still says they run, so they are shown, and kept from resuming, from here.
     */
    private final Map<String, TransferJob> unsaved = new LinkedHashMap<>();

    /** Tries again to write the ends that could not be written (holds this). */
    private void saveUnsaved() {
        unsaved.values().removeIf(TransferJob::saveFinal);
    }

    /** Starts a stored transfer again (holds this). */
    private TransferJob launch(TransferStore.TransferRow row) throws IOException {
        TransferJob job = new TransferJob(context(), row, store.files(row.id()));
        job.restore(store.sources(row.id()), store.errors(row.id()));
        active.put(row.id(), job);
        job.start();
        return job;
    }

    private TransferJob.Context context() {
        return new TransferJob.Context(store, network, options, slots, this::ended);
    }

    private void ended(TransferJob job) {
        synchronized (this) {
            active.remove(job.id());
            if (!job.saved()) {
                unsaved.put(job.id(), job); // shown from memory until its end is written
            }
            if (closed) {
                return;
            }
        }
        TransferStatus status = job.status();
        if (!status.state().isFinal()) {
            return;
        }
        for (Consumer<TransferStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                log.warn("A transfer listener failed on {}", status.id(), e);
            }
        }
        prune();
    }

    /**
     * Forgets the oldest finished transfers and deletes the part files of those that did not
     * complete, but not one a live transfer into the same place now writes (held, so that none
     * starts meanwhile).
     */
    private synchronized void prune() {
        try {
            Set<Path> inUse =
                    store.liveTargets().keySet().stream().map(PartFile::pathFor).collect(Collectors.toSet());
            for (Path part : store.prune(options.keepFinished())) {
                if (!inUse.contains(part)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            log.warn("Could not forget old transfers", e);
        }
    }

    private String newId() throws IOException {
        while (true) {
            byte[] bytes = new byte[4];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!active.containsKey(id) && store.transfer(id).isEmpty()) {
                return id;
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The transfer engine is closed.");
        }
    }

    private TransferStatus stored(TransferStore.TransferRow r) throws IOException {
        return new TransferStatus(
                r.id(),
                r.label(),
                r.direction(),
                r.state(),
                r.message(),
                r.bytesDone(),
                r.bytesTotal(),
                r.filesDone(),
                r.filesTotal(),
                0,
                Optional.empty(),
                store.sources(r.id()),
                store.errors(r.id()),
                r.started(),
                r.finished(),
                r.destination());
    }

    private static void await(TransferJob job) {
        try {
            if (!job.awaitEnd(SETTLE)) {
                log.warn("Transfer {} did not stop within {}", job.id(), SETTLE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
