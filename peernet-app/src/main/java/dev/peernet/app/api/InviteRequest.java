package dev.peernet.app.api;

import java.util.List;

/**
 * {@code POST /api/v1/invites}.
 *
 * @param expiresInSeconds how long the code stays valid, or null for 24 hours
 * @param uses how many nodes may join with it, or null for one
 * @param addresses where the new node should reach this one, {@code host:port}; null or empty for
 *     this node's own listen addresses
 */
public record InviteRequest(Long expiresInSeconds, Integer uses, List<String> addresses) {}
