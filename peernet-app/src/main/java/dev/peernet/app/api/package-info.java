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
 * </ul>
 *
 * <p>Failures answer {@code {"error": "One sentence."}} with 400 (bad input), 401 (missing or wrong
 * token), 404 (unknown peer or endpoint), 409 (a different peer answered), 502 (peer unreachable) or
 * 500. The daemon advertises the API's URL and token in {@link dev.peernet.app.api.ControlFile}.
 */
package dev.peernet.app.api;
