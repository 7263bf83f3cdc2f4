package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.Membership;
import dev.peernet.membership.MembershipException;
import dev.peernet.membership.Roster;
import dev.peernet.session.Direction;
import dev.peernet.session.Session;
import dev.peernet.session.SessionException;
import dev.peernet.session.Stream;
import dev.peernet.wire.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps membership flowing over the node's connections: members that connect exchange records,
 * every change is pushed to each connected member (who pushes it on, so it floods the connected
 * members), and a peer that is revoked is told so (one sync, which hands it its revocation) and
 * disconnected. Without the telling, a removed node would never hold its own revocation: every
 * member closes its connections before any sync, so it would go on believing it is a member.
 */
final class MemberSync {
    private static final Logger log = LoggerFactory.getLogger(MemberSync.class);

    /** How long a revoked peer has to take its revocation before its connection is closed anyway. */
    static final Duration TELL_WITHIN = Duration.ofSeconds(2);

    private final Membership membership;
    private final Supplier<List<Session>> sessions;

    MemberSync(Membership membership, Supplier<List<Session>> sessions) {
        this.membership = membership;
        this.sessions = sessions;
        membership.onChange(this::changed);
    }

    /**
     * A new connection: the dialling side syncs with a member, so each pair syncs once, and does
     * so before the dial returns, so what the caller does next finds both sides agreeing.
     *
     * @return whether the peer refused this node as a member: this node may have been removed, and
     *     the peer then hands it its revocation and closes the connection within {@link #TELL_WITHIN}
     */
    boolean connected(Session session) {
        Roster roster = membership.roster();
        if (roster.isRevoked(session.remotePeer())) {
            dismiss(session, roster);
            return false;
        }
        if (session.direction() == Direction.OUTBOUND && roster.isMember(session.remotePeer())) {
            return !sync(session);
        }
        return false;
    }

    private void changed(Roster roster) {
        if (roster.isRevoked(membership.self())) {
            // It still pushes: a member that has not heard yet learns the revocation from it.
            log.info("This node was removed from network {}.", roster.networkName());
        }
        for (Session s : sessions.get()) {
            PeerId peer = s.remotePeer();
            if (roster.isRevoked(peer)) {
                log.info("Disconnected {}: it was removed from network {}.", peer.shortForm(), roster.networkName());
                dismiss(s, roster);
            } else if (roster.isMember(peer)) {
                syncLater(s);
            }
        }
    }

    /**
     * Hands a revoked peer the records it lacks, its revocation among them, then closes its
     * connection. The sync is the usual one, so it also learns of members admitted after it was
     * removed: names and IDs that discovery announces on the LAN anyway.
     */
    private void dismiss(Session session, Roster roster) {
        Thread.ofVirtual().name("peernet-member-dismiss").start(() -> {
            Thread telling = Thread.ofVirtual().start(() -> tellRevoked(session));
            try {
                if (!telling.join(TELL_WITHIN)) {
                    log.debug(
                            "{} did not take its revocation in time",
                            session.remotePeer().shortForm());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.close(ErrorCode.NOT_A_MEMBER, "this node was removed from network " + roster.networkName());
        });
    }

    private void tellRevoked(Session session) {
        try (Stream stream = session.openStream(Membership.SYNC_PROTOCOL)) {
            membership.sync(stream);
            // The other side closes its end once it has merged: wait for that, so the close that
            // follows cannot overtake the records.
            stream.input().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            log.debug(
                    "Could not tell {} of its revocation: {}",
                    session.remotePeer().shortForm(),
                    e.getMessage());
        }
    }

    private void syncLater(Session session) {
        Thread.ofVirtual().name("peernet-member-sync").start(() -> {
            var unused = sync(session);
        });
    }

    /** Syncs with a member; false if it does not accept this node as one. */
    private boolean sync(Session session) {
        try {
            try (Stream stream = session.openStream(Membership.SYNC_PROTOCOL)) {
                membership.sync(stream);
            } catch (SessionException e) {
                if (e.code() != ErrorCode.NOT_A_MEMBER) {
                    throw e;
                }
                // It has not heard of this node's admission yet: show it, then sync.
                try (Stream stream = session.openStream(Membership.JOIN_PROTOCOL)) {
                    membership.presentAdmission(stream);
                }
            }
        } catch (IOException e) {
            log.debug("Membership sync with {} failed: {}", session.remotePeer().shortForm(), e.getMessage());
        } catch (MembershipException e) {
            log.info(
                    "{} does not accept this node as a member: {}",
                    session.remotePeer().shortForm(),
                    e.getMessage());
            return false;
        }
        return true;
    }
}
