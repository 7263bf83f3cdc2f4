package dev.peernet.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A transfer as {@code peernet transfers} and progress bars show it.
 *
 * @param id short, unique among this node's transfers
 * @param label what is transferred, as the user named it
 * @param direction download, or a send that a member fetches
 * @param state where it is in its life
 * @param message why it waits, is paused or failed, in one sentence
 * @param bytesDone verified bytes in place or in part files
 * @param bytesTotal the size of all its files
 * @param filesDone files in place under their final names
 * @param filesTotal how many files it has
 * @param bytesPerSecond the recent rate (a moving window of a few seconds)
 * @param eta the time left at that rate, while it runs
 * @param sources the members it fetches or fetched from
 * @param errors what went wrong without ending it (bad sources, files that changed)
 * @param started when it was asked for
 * @param finished when it became complete, failed or cancelled
 * @param destination the file or directory it creates
 */
public record TransferStatus(
        String id,
        String label,
        TransferDirection direction,
        TransferState state,
        Optional<String> message,
        long bytesDone,
        long bytesTotal,
        int filesDone,
        int filesTotal,
        long bytesPerSecond,
        Optional<Duration> eta,
        List<SourceStatus> sources,
        List<TransferError> errors,
        Instant started,
        Optional<Instant> finished,
        Path destination) {
    public TransferStatus {
        sources = List.copyOf(sources);
        errors = List.copyOf(errors);
    }
}
