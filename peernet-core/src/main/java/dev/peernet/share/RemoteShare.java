package dev.peernet.share;

/**
 * A share another member lets this node see.
 *
 * @param name its name
 * @param writable whether this node may write to it
 * @param files how many files it holds
 * @param bytes their total size
 */
public record RemoteShare(String name, boolean writable, long files, long bytes) {}
