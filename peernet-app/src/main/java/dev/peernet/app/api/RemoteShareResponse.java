package dev.peernet.app.api;

/**
 * A share another member lets this node see ({@code peernet ls PEER}).
 *
 * @param peer the member's full peer ID
 * @param name the share's name
 * @param writable whether this node may write to it
 * @param files how many files it holds
 * @param bytes their total size
 */
public record RemoteShareResponse(String peer, String name, boolean writable, long files, long bytes) {}
