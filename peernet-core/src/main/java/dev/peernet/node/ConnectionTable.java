package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Direction;
import dev.peernet.session.Session;
import dev.peernet.wire.ErrorCode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Holds at most one session per peer. When a second session to the same peer appears (both dialled
 * each other at once), both nodes keep the one dialled by the node with the lower peer ID, so each
 * side reaches the same choice without talking; the other is closed with {@link
 * ErrorCode#DUPLICATE_CONNECTION}. Two sessions dialled by the same node: the newer one wins, since
 * the dialler only redials when it thinks the old one is dead.
 *
 * <p>When the session kept for a peer ends and no other has taken its place, {@code onLost} hears
 * of the peer (outside the table's lock): the failure detector takes it as a hint.
 */
final class ConnectionTable {
    private final PeerId self;
    private final Consumer<PeerId> onLost;
    private final Map<PeerId, Session> sessions = new HashMap<>();

    ConnectionTable(PeerId self, Consumer<PeerId> onLost) {
        this.self = self;
        this.onLost = onLost;
    }

    /** Adds {@code session}, resolving duplicates; returns the session now kept for that peer. */
    Session add(Session session) {
        Session loser;
        Session winner;
        synchronized (this) {
            if (!session.isOpen()) {
                return Optional.ofNullable(sessions.get(session.remotePeer())).orElse(session);
            }
            Session existing = sessions.get(session.remotePeer());
            if (existing == null || !existing.isOpen()) {
                sessions.put(session.remotePeer(), session);
                watch(session);
                return session;
            }
            winner = preferred(existing, session);
            loser = winner == session ? existing : session;
            if (winner == session) {
                sessions.put(session.remotePeer(), session);
                watch(session);
            }
        }
        loser.close(
                ErrorCode.DUPLICATE_CONNECTION, "a duplicate connection; the one dialled by the lower peer ID is kept");
        return winner;
    }

    private void watch(Session session) {
        var unused = session.closed().thenRun(() -> remove(session));
    }

    private Session preferred(Session existing, Session incoming) {
        PeerId existingDialler = dialler(existing);
        PeerId incomingDialler = dialler(incoming);
        if (existingDialler.equals(incomingDialler)) {
            return incoming;
        }
        return existingDialler.compareTo(incomingDialler) < 0 ? existing : incoming;
    }

    private PeerId dialler(Session s) {
        return s.direction() == Direction.OUTBOUND ? self : s.remotePeer();
    }

    private void remove(Session session) {
        boolean lost;
        synchronized (this) {
            lost = sessions.remove(session.remotePeer(), session);
        }
        if (lost) {
            onLost.accept(session.remotePeer());
        }
    }

    synchronized Optional<Session> get(PeerId peer) {
        return Optional.ofNullable(sessions.get(peer)).filter(Session::isOpen);
    }

    synchronized List<Session> all() {
        return sessions.values().stream().filter(Session::isOpen).toList();
    }

    synchronized Collection<Session> drain() {
        List<Session> all = List.copyOf(sessions.values());
        sessions.clear();
        return all;
    }
}
