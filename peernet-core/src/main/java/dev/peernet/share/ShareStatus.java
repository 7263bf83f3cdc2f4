package dev.peernet.share;

import java.time.Instant;
import java.util.Optional;

/**
 * A share with its index so far.
 *
 * @param share the share
 * @param files files indexed so far
 * @param bytes their total size
 * @param scanning whether a scan is running now
 * @param scannedAt when the last scan finished, empty before the first one has
 * @param scanError why the last scan failed, empty if it did not
 */
public record ShareStatus(
        Share share,
        long files,
        long bytes,
        boolean scanning,
        Optional<Instant> scannedAt,
        Optional<String> scanError) {}
