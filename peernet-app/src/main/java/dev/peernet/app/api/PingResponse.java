package dev.peernet.app.api;

/**
 * One answered ping.
 *
 * @param peer the full ID of the peer that answered
 * @param name that peer's name
 * @param rttMs the round-trip time in milliseconds
 */
public record PingResponse(String peer, String name, double rttMs) {}
