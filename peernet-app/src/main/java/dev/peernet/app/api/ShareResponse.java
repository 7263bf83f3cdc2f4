package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import dev.peernet.share.ShareStatus;
import java.time.Instant;
import java.util.List;

/**
 * A shared folder and its index so far.
 *
 * @param name the share's name
 * @param path the folder on the node's machine
 * @param writable whether members may write to it
 * @param toAll whether every member may see it
 * @param to the full IDs of the members that may see it when not {@code toAll}
 * @param files files indexed so far
 * @param bytes their total size
 * @param scanning whether a scan is running
 * @param scannedAt when the last scan finished, ISO-8601; null before the first one has
 * @param scanError why the last scan failed; null if it did not
 */
public record ShareResponse(
        String name,
        String path,
        boolean writable,
        boolean toAll,
        List<String> to,
        long files,
        long bytes,
        boolean scanning,
        String scannedAt,
        String scanError) {
    static ShareResponse of(ShareStatus status) {
        var share = status.share();
        return new ShareResponse(
                share.name(),
                share.root().toString(),
                share.writable(),
                share.toAll(),
                share.to().stream().map(PeerId::toString).toList(),
                status.files(),
                status.bytes(),
                status.scanning(),
                status.scannedAt().map(Instant::toString).orElse(null),
                status.scanError().orElse(null));
    }
}
