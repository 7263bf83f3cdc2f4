package dev.peernet.app.api;

/**
 * {@code POST /api/v1/connect}.
 *
 * @param address where to dial, {@code host:port}
 * @param expect the full peer ID that must answer there, or null to accept any peer
 */
public record ConnectRequest(String address, String expect) {}
