package dev.peernet.app.api;

/**
 * {@code POST /api/v1/shares/remove}: stop sharing a folder.
 *
 * @param name the share's name
 */
public record ShareRemoveRequest(String name) {}
