package dev.peernet.app.api;

import java.util.List;

/**
 * {@code POST /api/v1/sends}: push files or folders to a member.
 *
 * @param peer the member: full ID, short ID or name
 * @param paths absolute paths of files or folders on the node's machine
 * @param share null for the member's inbox, else one of its writable shares
 * @param path with {@code share}: the directory in it; null or empty for its root
 */
public record SendRequest(String peer, List<String> paths, String share, String path) {}
