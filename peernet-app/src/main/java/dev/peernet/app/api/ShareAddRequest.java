package dev.peernet.app.api;

import java.util.List;

/**
 * {@code POST /api/v1/shares}: share a folder.
 *
 * @param path the folder, an absolute path on the node's machine
 * @param name the share's name; null means the folder's own name
 * @param to who may see it: null, empty or {@code ["all"]} for every member, else members' full
 *     IDs, short IDs or names
 * @param writable whether members may write to it; null means read-only
 */
public record ShareAddRequest(String path, String name, List<String> to, Boolean writable) {}
