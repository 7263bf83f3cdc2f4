package dev.peernet.app.api;

/**
 * {@code POST /api/v1/join}.
 *
 * @param code an invite code from a member of the network to join
 */
public record JoinRequest(String code) {}
