package dev.peernet.app.api;

/**
 * {@code POST /api/v1/members/grant}.
 *
 * @param member the member's full ID, unique ID prefix or name
 * @param role the role to give; only {@code admin} can be granted
 */
public record GrantRequest(String member, String role) {}
