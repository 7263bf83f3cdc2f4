package dev.peernet.app.api;

/**
 * One entry of a directory in a member's share ({@code peernet ls PEER:SHARE/PATH}).
 *
 * @param path relative to the listed directory
 * @param type {@code "file"} or {@code "dir"}
 * @param size a file's size, or the total size of the files below a directory
 * @param mtime the modification time, ISO-8601; null for a directory without one
 * @param hash a file's content hash in hex; null for a directory
 */
public record EntryResponse(String path, String type, long size, String mtime, String hash) {}
