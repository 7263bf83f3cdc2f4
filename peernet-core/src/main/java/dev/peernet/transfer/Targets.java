package dev.peernet.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fetched files go on this disk. A member names the files, so each of its paths is checked
 * before it becomes a local one: relative, {@code /}-separated names that are not empty, {@code .}
 * or {@code ..} and hold no {@code \} or NUL, so that nothing lands outside the destination.
 */
final class Targets {
    private Targets() {}

    /**
     * The path a single file fetched to {@code dest} gets: inside {@code dest} under the file's own
     * name if {@code dest} is an existing directory, else {@code dest} itself.
     */
    static Path forFile(Location from, Path dest) throws IOException {
        Path base = dest.toAbsolutePath().normalize();
        return Files.isDirectory(base) ? base.resolve(safeName(lastName(from))) : base;
    }

    /**
     * The directory a directory fetched to {@code dest} becomes: inside {@code dest} under its own
     * name (the share's for a share's root) if {@code dest} is an existing directory, else
     * {@code dest} itself.
     */
    static Path forDirectory(Location from, Path dest) throws IOException {
        Path base = dest.toAbsolutePath().normalize();
        String name = from.path().isEmpty() ? from.share() : lastName(from);
        return Files.isDirectory(base) ? base.resolve(safeName(name)) : base;
    }

    /** {@code root} joined with {@code relative}, a member's path, once it is proven to stay inside. */
    static Path inside(Path root, String relative) throws IOException {
        Path out = root;
        for (String name : relative.split("/", -1)) {
            out = out.resolve(safeName(name));
        }
        if (!out.normalize().startsWith(root) || out.equals(root)) {
            throw unsafe(relative);
        }
        return out;
    }

    /**
     * The path of {@code file} relative to the directory {@code dir} it was listed under, both in
     * the member's share ({@code ""} is the share's root).
     */
    static String relativeTo(String dir, String file) throws IOException {
        if (dir.isEmpty()) {
            return file;
        }
        if (!file.startsWith(dir + "/") || file.length() == dir.length() + 1) {
            throw new IOException(
                    "The member listed " + file + " as inside " + dir + ", which it is not; the fetch was stopped.");
        }
        return file.substring(dir.length() + 1);
    }

    private static String lastName(Location from) {
        String path = from.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String safeName(String name) throws IOException {
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0
                || name.indexOf('/') >= 0) {
            throw unsafe(name);
        }
        return name;
    }

    private static IOException unsafe(String path) {
        return new IOException("The member named a file '" + path
                + "' that cannot be placed safely (empty, '.', '..' or odd characters); it was refused.");
    }
}
