package dev.peernet.app.api;

/**
 * The body of every failed control API request.
 *
 * @param error what went wrong, as one sentence
 */
public record ErrorResponse(String error) {}
