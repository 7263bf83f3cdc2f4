package dev.peernet.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Why a file operation failed, in words that never hold a path: the sentence around them names
 * the file as its reader knows it (a member must not learn where a share lies on this machine).
 * The JDK gives the path as the whole message of {@link AccessDeniedException} and its kin, and
 * the system's reason ("No space left on device") apart.
 */
public final class IoReason {
    private IoReason() {}

    /** {@code permission denied}, {@code no space left on device}, or the message of a failure with no path. */
    public static String of(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "it does not exist";
            case FileAlreadyExistsException x -> "something is already there";
            case DirectoryNotEmptyException d -> "the folder is not empty";
            case NotDirectoryException d -> "it is not a folder";
            case NotLinkException l -> "it is not a link";
            case FileSystemException fs ->
                fs.getReason() == null ? "the file system refused" : lowerFirst(fs.getReason());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** The system's words go mid-sentence: "No space left on device" as "no space left on device", "EIO" as it is. */
    private static String lowerFirst(String reason) {
        if (reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1))) {
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return reason;
    }
}
