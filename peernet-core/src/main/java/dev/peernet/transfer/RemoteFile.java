package dev.peernet.transfer;

import dev.peernet.share.ContentHash;

/**
 * A file as a member describes it: what a transfer must reproduce.
 *
 * @param location where it is
 * @param size its size in bytes
 * @param mtimeMillis its modification time, kept on the copy
 * @param hash its content hash with every chunk hash (already checked against each other)
 */
public record RemoteFile(Location location, long size, long mtimeMillis, ContentHash hash) {}
