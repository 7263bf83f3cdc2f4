package dev.peernet.transfer;

import dev.peernet.storage.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A transfer's files as they become whole: handed to the {@link Finisher} when their last chunk is
 * written (or found verified at the start), counted once in place, and the transfer paused or
 * failed if placing them goes wrong.
 */
final class Placement implements Finisher.Events {
    private final Ledger ledger;
    private final TransferStore store;
    private final String transfer;
    private final Finisher finisher;
    /** Bytes of the part file being checked that were counted as done before {@link #resumed}. */
    private long checkedBytes;

    Placement(Ledger ledger, TransferStore store, String transfer, TransferOptions options) {
        this.ledger = ledger;
        this.store = store;
        this.transfer = transfer;
        this.finisher = new Finisher(store, transfer, options.finishThreads(), this);
    }

    /** Hands a complete file to the finisher, unless the job has ended (a resume finds it complete). Holds the lock. */
    void place(FileTask f) {
        if (ledger.ended) {
            return;
        }
        f.finishing(true);
        ledger.placing++;
        finisher.submit(f, f.remote().size(), f.remote().mtimeMillis());
    }

    /** {@code f}'s part file is being checked at the start: the transfer says so until {@link #resumed}. */
    void checking(FileTask f) {
        ledger.lock.lock();
        try {
            checkedBytes = 0;
            ledger.message = Optional.of(checkingSentence(f));
        } finally {
            ledger.lock.unlock();
        }
    }

    private static String checkingSentence(FileTask f) {
        return "Checking the part of " + f.target.getFileName() + " that an earlier fetch left.";
    }

    /** {@code bytes} more of the part file being checked hash right: counted as done already. */
    void checked(int bytes) {
        ledger.lock.lock();
        try {
            checkedBytes += bytes;
            ledger.bytesDone += bytes;
        } finally {
            ledger.lock.unlock();
        }
    }

    /** The check of {@code f}'s part file stopped with an error: what it counted is taken back. */
    void checkFailed(FileTask f) {
        ledger.lock.lock();
        try {
            ledger.bytesDone -= checkedBytes;
            checkedBytes = 0;
            clearCheckingNote(f);
        } finally {
            ledger.lock.unlock();
        }
    }

    private void clearCheckingNote(FileTask f) {
        if (ledger.message.equals(Optional.of(checkingSentence(f)))) {
            ledger.message = Optional.empty();
        }
    }

    /** Chunks found verified on disk at the start: the file is scheduled for the rest, or placed. */
    void resumed(FileTask f, BitSet verified) {
        ledger.lock.lock();
        try {
            f.resumeWith(verified);
            ledger.bytesDone += f.doneBytes() - checkedBytes; // what the check counted is part of it
            checkedBytes = 0;
            clearCheckingNote(f);
            if (f.complete()) {
                place(f);
            } else {
                ledger.schedule.offer(f);
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Files found already whole at their destination (an earlier run put them there). */
    void alreadyInPlace(List<FileTask> inPlace) throws IOException {
        store.markDone(transfer, inPlace.stream().map(f -> f.index).toList());
        ledger.lock.lock();
        try {
            for (FileTask f : inPlace) {
                f.finished(true);
                ledger.filesDone++;
                ledger.bytesDone += f.remote().size();
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Places again the complete files whose placing was stopped by a full disk. Holds the lock. */
    void retryComplete() {
        for (FileTask f : ledger.files) {
            if (f.complete() && !f.finished() && !f.finishing() && !f.changing()) {
                place(f);
            }
        }
    }

    /** Stops placing: see {@link Finisher#stop}. */
    void stop(boolean now) {
        finisher.stop(now);
    }

    @Override
    public void placed(List<FileTask> files) {
        ledger.lock.lock();
        try {
            for (FileTask f : files) {
                f.finishing(false);
                f.finished(true);
                ledger.filesDone++;
                ledger.placing--;
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }

    @Override
    public void placingFailed(FileTask f, IOException e) {
        ledger.lock.lock();
        try {
            f.finishing(false);
            ledger.placing--;
            if (ledger.stop == null && !ledger.diskFull(f, e, 0)) {
                String why = Files.isDirectory(f.target) ? "a folder is in the way" : IoReason.of(e);
                ledger.fail("Could not put " + f.target + " in place: " + why + ".");
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }

    @Override
    public void recordingFailed(List<FileTask> files, String why) {
        ledger.lock.lock();
        try {
            // The files are whole and in place: only a resume after a restart would not know it.
            for (FileTask f : files) {
                ledger.errors.add(new TransferError(
                        Optional.empty(),
                        f.name(),
                        "It is in place, but this node could not record so (" + why
                                + "), so a restart before the transfer ends would fetch it again."));
            }
            ledger.changed.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }
}
