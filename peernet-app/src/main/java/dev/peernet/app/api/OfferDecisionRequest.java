package dev.peernet.app.api;

/**
 * {@code POST /api/v1/offers/accept} or {@code /decline}: decide on an incoming offer.
 *
 * @param id the offer's ID, or a unique prefix of it
 */
public record OfferDecisionRequest(String id) {}
