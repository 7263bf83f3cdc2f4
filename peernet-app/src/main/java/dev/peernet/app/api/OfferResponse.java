package dev.peernet.app.api;

import java.util.List;

/**
 * A one-shot send, outgoing or incoming.
 *
 * @param id the offer's ID (hex)
 * @param direction {@code "outgoing"} or {@code "incoming"}
 * @param peer the other member's full peer ID
 * @param peerName its name, if known
 * @param files the offered paths, relative
 * @param bytes their total size
 * @param state pending, accepted, refused, declined, complete or failed
 * @param message why it was refused or failed; null otherwise
 * @param transfer the transfer that moves it, once accepted; null before
 */
public record OfferResponse(
        String id,
        String direction,
        String peer,
        String peerName,
        List<String> files,
        long bytes,
        String state,
        String message,
        String transfer) {}
