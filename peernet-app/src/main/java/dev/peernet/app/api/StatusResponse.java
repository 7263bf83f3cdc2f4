package dev.peernet.app.api;

import java.util.List;

/**
 * {@code GET /api/v1/status}: who the node is and how it is doing.
 *
 * @param id the full peer ID
 * @param name the node's display name
 * @param addresses every address the node listens on, {@code host:port}
 * @param startedAt when the node started, ISO-8601
 * @param uptimeSeconds whole seconds since it started
 * @param connections how many peers are connected
 * @param apiUrl the control API's base URL
 * @param notices start-up messages worth showing, such as a port fallback
 */
public record StatusResponse(
        String id,
        String name,
        List<String> addresses,
        String startedAt,
        long uptimeSeconds,
        int connections,
        String apiUrl,
        List<String> notices) {}
