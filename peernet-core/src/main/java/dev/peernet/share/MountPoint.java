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
        try {
            Object here = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Object above = Files.getAttribute(parent, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            return !here.equals(above);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not a Unix file system view, or not there: no mount to tell of
        }
    }
}
