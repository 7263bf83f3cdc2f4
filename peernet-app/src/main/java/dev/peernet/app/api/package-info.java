/**
 * The local control API: a small REST service, bound to loopback only, through which the CLI talks
 * to a running node.
 *
 * <p>Endpoints, all under {@code /api/v1} and all requiring {@code Authorization: Bearer TOKEN}:
 *
 * <ul>
 *   <li>{@code GET status} → {@link dev.peernet.app.api.StatusResponse}
 *   <li>{@code GET peers} → array of {@link dev.peernet.app.api.PeerResponse}
 *   <li>{@code POST connect} {@code {address, expect?}} → {@link dev.peernet.app.api.PeerResponse}
 *   <li>{@code POST ping} {@code {peer}} → {@link dev.peernet.app.api.PingResponse}
 *   <li>{@code GET network} → {@link dev.peernet.app.api.NetworkResponse}
 *   <li>{@code POST invites} {@code {expiresInSeconds?, uses?, addresses?}} → {@link
 *       dev.peernet.app.api.InviteResponse}
 *   <li>{@code POST join} {@code {code}} → {@link dev.peernet.app.api.NetworkResponse}
 *   <li>{@code POST members/remove} {@code {member, reason?}} → {@link dev.peernet.app.api.MemberResponse}
 *   <li>{@code POST members/grant} {@code {member, role: "admin"}} → {@link
 *       dev.peernet.app.api.MemberResponse}
 * </ul>
 *
 * <p>Failures answer {@code {"error": "One sentence."}} with 400 (bad input, such as a malformed
 * invite code), 401 (missing or wrong token), 403 (only admins may change members; a removed node
 * may not invite), 404 (unknown peer, member or endpoint), 409 (a different peer answered; the
 * inviter refused the code; the change cannot be made), 502 (peer or inviter unreachable) or 500.
 * The daemon advertises the API's URL and token in {@link dev.peernet.app.api.ControlFile}.
 */
package dev.peernet.app.api;
