package dev.peernet.transfer;

import dev.peernet.identity.PeerId;

/**
 * One member's copy of a file: where a transfer can fetch its chunks.
 *
 * @param peer the member holding it
 * @param share the share it is in
 * @param path its path in the share, relative, with {@code /} between names
 */
public record Location(PeerId peer, String share, String path) {
    @Override
    public String toString() {
        return peer.shortForm() + ":" + share + "/" + path;
    }
}
