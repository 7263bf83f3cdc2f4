package dev.peernet.app.api;

/**
 * One search result ({@code peernet find}), streamed as one JSON line when it arrives.
 *
 * @param peer the member's full peer ID
 * @param peerName the member's name
 * @param share the share the file is in
 * @param path its path in the share
 * @param size its size in bytes
 * @param mtime its modification time, ISO-8601
 * @param hash its content hash in hex
 */
public record HitResponse(
        String peer, String peerName, String share, String path, long size, String mtime, String hash) {}
