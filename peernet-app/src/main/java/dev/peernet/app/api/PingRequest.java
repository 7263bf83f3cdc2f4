package dev.peernet.app.api;

/**
 * {@code POST /api/v1/ping}.
 *
 * @param peer a connected peer's full ID, unique ID prefix or name
 */
public record PingRequest(String peer) {}
