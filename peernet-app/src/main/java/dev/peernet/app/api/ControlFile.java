package dev.peernet.app.api;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code STATE/control.json}: how commands find the node running on a state directory. The daemon
 * writes it once its API is up and deletes it when it stops; it holds a secret token, so only its
 * owner may read it (mode 0600).
 *
 * @param url the control API's base URL
 * @param token the bearer token every API request must carry
 * @param pid the daemon's process ID, to tell a live node from a file left by a crash
 */
public record ControlFile(String url, String token, long pid) {
    public static final String NAME = "control.json";

    public static Path path(Path stateDir) {
        return stateDir.resolve(NAME);
    }

    /** The file in {@code stateDir}, or empty if there is none. */
    public static Optional<ControlFile> read(Path stateDir) throws IOException {
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(path(stateDir)), ControlFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new IOException(path(stateDir) + " is not valid JSON; delete it if no node is running.", e);
        }
    }

    /** Whether the process that wrote this file is still alive. */
    public boolean ownerAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes this file into {@code stateDir} atomically, readable by its owner only. */
    public void write(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path temp = stateDir.resolve(NAME + ".tmp");
        Files.deleteIfExists(temp);
        createOwnerOnly(temp);
        Files.writeString(temp, Json.pretty(this));
        try {
            Files.move(temp, path(stateDir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path(stateDir), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the file in {@code stateDir} if it is there. */
    public static void delete(Path stateDir) throws IOException {
        Files.deleteIfExists(path(stateDir));
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file inherits the user profile's ACL instead.
            Files.createFile(file);
        }
    }
}
