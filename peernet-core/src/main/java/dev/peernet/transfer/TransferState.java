package dev.peernet.transfer;

/** Where a transfer is in its life. The last three are final: a finished transfer never changes. */
public enum TransferState {
    /** Waiting for a free slot: only a few transfers run at once. */
    QUEUED,
    /** Fetching chunks. */
    RUNNING,
    /** No member holding the missing content is online; retrying with backoff. */
    WAITING,
    /** Stopped by a local problem that may clear by itself (a full disk); retrying periodically. */
    PAUSED,
    /** Every file is in place. */
    COMPLETE,
    /** Stopped for good by a local problem, said in the transfer's message. */
    FAILED,
    /** Stopped by the user; its verified chunks stay for a later fetch of the same thing. */
    CANCELLED;

    /** Whether the transfer has ended (complete, failed or cancelled). */
    public boolean isFinal() {
        return this == COMPLETE || this == FAILED || this == CANCELLED;
    }
}
