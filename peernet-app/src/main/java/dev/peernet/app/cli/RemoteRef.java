package dev.peernet.app.cli;

import java.util.Optional;

/**
 * {@code PEER[:SHARE[/PATH]]}: a member, one of its shares, or a path in one, as {@code ls} and
 * {@code get} take it. PEER is a full ID, short ID or name; names hold no {@code :}.
 *
 * @param peer the member
 * @param share the share's name, if given
 * @param path the path in the share without leading or trailing {@code /}; "" for its root
 */
record RemoteRef(String peer, Optional<String> share, String path) {
    static RemoteRef parse(String text) {
        int colon = text.indexOf(':');
        String peer = colon < 0 ? text : text.substring(0, colon);
        if (peer.isBlank()) {
            throw new IllegalArgumentException(
                    "'" + text + "' names no member; write PEER, PEER:SHARE or PEER:SHARE/PATH.");
        }
        if (colon < 0 || colon == text.length() - 1) {
            return new RemoteRef(peer, Optional.empty(), "");
        }
        String rest = text.substring(colon + 1);
        int slash = rest.indexOf('/');
        String share = slash < 0 ? rest : rest.substring(0, slash);
        if (share.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no share after the ':'; write PEER:SHARE/PATH.");
        }
        String path = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        return new RemoteRef(peer, Optional.of(share), path);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** The last name in the path, or the share's name for its root. */
    String leafName() {
        int slash = path.lastIndexOf('/');
        return path.isEmpty() ? share.orElse(peer) : path.substring(slash + 1);
    }

    @Override
    public String toString() {
        return peer
                + share.map(s -> ":" + s + (path.isEmpty() ? "" : "/" + path)).orElse("");
    }
}
