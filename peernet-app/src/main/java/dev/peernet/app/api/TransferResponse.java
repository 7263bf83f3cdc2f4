package dev.peernet.app.api;

import java.util.List;

/**
 * One transfer, active or recent ({@code peernet transfers}).
 *
 * @param id the transfer's ID
 * @param label what it moves, e.g. {@code alpha:photos/2024}
 * @param direction {@code "download"} or {@code "send"}
 * @param state queued, running, waiting, paused, complete, failed or cancelled
 * @param bytesDone bytes verified and written (downloads) or acknowledged (sends)
 * @param bytesTotal bytes in all
 * @param filesDone files in place
 * @param filesTotal files in all
 * @param bytesPerSecond the current rate
 * @param etaSeconds the estimated seconds left; null when unknown
 * @param sources each member it fetches from, with what it gave
 * @param errors what went wrong, one sentence each, oldest first
 * @param started when it started, ISO-8601
 * @param finished when it finished, ISO-8601; null while active
 * @param destination where the files go (downloads) or the receiving member (sends)
 * @param reason why it is waiting, paused or failed; null otherwise
 */
public record TransferResponse(
        String id,
        String label,
        String direction,
        String state,
        long bytesDone,
        long bytesTotal,
        long filesDone,
        long filesTotal,
        double bytesPerSecond,
        Long etaSeconds,
        List<SourceResponse> sources,
        List<String> errors,
        String started,
        String finished,
        String destination,
        String reason) {
    /** Whether it has ended, for better or worse. */
    public boolean finishedOrFailed() {
        return finished != null;
    }

    /**
     * One source of a transfer.
     *
     * @param peer the member's full peer ID
     * @param name the member's name, if known
     * @param bytes the bytes it served that verified
     * @param state {@code "active"} or {@code "dropped"}
     * @param reason why it was dropped; null if active
     */
    public record SourceResponse(String peer, String name, long bytes, String state, String reason) {}
}
