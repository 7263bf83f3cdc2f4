package dev.peernet.app.api;

/**
 * {@code POST /api/v1/members/remove}.
 *
 * @param member the member's full ID, unique ID prefix or name
 * @param reason why, kept in the signed revocation; null for none
 */
public record RemoveRequest(String member, String reason) {}
