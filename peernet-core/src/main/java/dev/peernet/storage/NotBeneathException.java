package dev.peernet.storage;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file was to be opened below a folder, through no link, and the path now goes through a link or
 * out of the folder: a link was swapped in after the path was checked.
 */
public final class NotBeneathException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    public NotBeneathException(Path root, Path real) {
        super(real.toString(), null, "it now goes through a link or out of " + root);
    }
}
