package dev.peernet.share;

import dev.peernet.transfer.Location;

/**
 * A file a search found on a member.
 *
 * @param location the member, share and path
 * @param size its size
 * @param mtimeMillis its modification time
 * @param fileHash its content hash
 */
public record FoundFile(
        Location location,
        long size,
        long mtimeMillis,
        @SuppressWarnings("ArrayRecordComponent") byte[] fileHash) {}
