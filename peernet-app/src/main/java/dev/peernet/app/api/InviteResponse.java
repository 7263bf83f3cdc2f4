package dev.peernet.app.api;

import java.util.List;

/**
 * A new invite code.
 *
 * @param code the code to give the new node, in groups of four characters
 * @param network the name of the network it joins
 * @param expiresAt when it stops being valid, ISO-8601
 * @param uses how many nodes may join with it
 * @param addresses where the code tells the new node to reach this one, {@code host:port}
 */
public record InviteResponse(String code, String network, String expiresAt, int uses, List<String> addresses) {}
