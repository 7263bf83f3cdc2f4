package dev.peernet.app.api;

/**
 * {@code POST /api/v1/transfers}: fetch a file or directory from a member's share.
 *
 * @param peer the member: full ID, short ID or name
 * @param share the share's name
 * @param path the file or directory in it; empty for the whole share
 * @param dest an absolute path on the node's machine: an existing directory to put it in, or a
 *     new path to create
 */
public record GetRequest(String peer, String share, String path, String dest) {}
