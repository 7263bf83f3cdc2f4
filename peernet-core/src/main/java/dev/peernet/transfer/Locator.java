package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Finds the other members holding a transfer's files ({@link ChunkNetwork#locate}), in the
 * background, a few files at a time: each lookup asks every member, so a tree of files is not
 * asked all at once. What it finds becomes sources of those files, unless banned.
 */
final class Locator {
    /** Files looked up at once. */
    static final int PARALLEL = 8;

    private record Lookup(
            FileTask file,
            int generation,
            @SuppressWarnings("ArrayRecordComponent") byte[] hash) {}

    private final Ledger ledger;
    private final ChunkNetwork network;
    private final TransferOptions options;
    private final String transfer;

    Locator(Ledger ledger, ChunkNetwork network, TransferOptions options, String transfer) {
        this.ledger = ledger;
        this.network = network;
        this.options = options;
        this.transfer = transfer;
    }

    /** Looks up the holders of {@code files}, which are then not looked up again this cycle. Holds the lock. */
    void locate(List<FileTask> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Lookup> lookups = new ArrayList<>();
        for (FileTask f : files) {
            f.locatedInCycle = ledger.cycle;
            lookups.add(new Lookup(f, f.generation(), f.remote().hash().fileHash()));
        }
        ledger.locating++;
        Thread.ofVirtual().name("peernet-transfer-locate-" + transfer).start(() -> locateAll(lookups));
    }

    private void locateAll(List<Lookup> lookups) {
        Semaphore parallel = new Semaphore(PARALLEL);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Lookup l : lookups) {
                parallel.acquireUninterruptibly();
                if (stopped()) {
                    break;
                }
                threads.execute(() -> {
                    try {
                        found(l, network.locate(l.hash(), options.locateTimeout()));
                    } finally {
                        parallel.release();
                    }
                });
            }
        } finally {
            ledger.lock.lock();
            try {
                ledger.locating--;
                ledger.review = true;
                ledger.changed.signalAll();
            } finally {
                ledger.lock.unlock();
            }
        }
    }

    private void found(Lookup l, List<Location> holders) {
        PeerId self = network.self();
        ledger.lock.lock();
        try {
            if (l.generation() != l.file().generation()) {
                return; // it changed meanwhile; its new content is looked up on its own
            }
            for (Location at : holders) {
                if (!at.peer().equals(self) && !ledger.sources.banned(at.peer())) {
                    ledger.sources.online(at.peer());
                    ledger.review |= l.file().addSource(at);
                }
            }
            ledger.schedule.offer(l.file());
            ledger.changed.signalAll(); // a new source starts now, not after the whole batch
        } finally {
            ledger.lock.unlock();
        }
    }

    private boolean stopped() {
        ledger.lock.lock();
        try {
            return ledger.stop != null;
        } finally {
            ledger.lock.unlock();
        }
    }
}
