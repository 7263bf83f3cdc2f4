package dev.peernet.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a folder is where a file system is mounted (a drive, a partition, a network share): it
 * is on another device than the folder above it. A shared folder that was one and is one no more
 * had its drive unmounted; what is there now is the empty folder it was mounted on, and scanning
 * that would empty the index as if every file had been deleted.
 */
final class MountPoint {
    private MountPoint() {}

    /** True if {@code dir} is on another device than its parent; false where that cannot be told. */
    static boolean is(Path dir) {
        Path parent = dir.getParent();
        if (parent == null) {
            return false;
        }
        Object here = device(dir);
        Object above = device(parent);
        return here != null && above != null && !here.equals(above);
    }

    /** The device {@code path} is on, or null where that cannot be told (not there, not a Unix file system view). */
    static Object device(Path path) {
        try {
            return Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
