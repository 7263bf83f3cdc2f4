package dev.peernet.share;

import java.util.List;

/**
 * What one scan of a share did.
 *
 * @param hashed the paths hashed: new files and files whose size or mtime changed
 * @param unchanged how many files were kept without reading them
 * @param removed the paths that left the index
 */
public record ScanResult(List<String> hashed, long unchanged, List<String> removed) {
    public ScanResult {
        hashed = List.copyOf(hashed);
        removed = List.copyOf(removed);
    }
}
