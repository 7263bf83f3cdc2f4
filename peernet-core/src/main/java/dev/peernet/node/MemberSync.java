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
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps membership flowing over the node's connections: members that connect exchange records,
 * every change is pushed to each connected member (who pushes it on, so it floods the connected
 * members), and a peer that is revoked is disconnected at once.
 */
final class MemberSync {
    private static final Logger log = LoggerFactory.getLogger(MemberSync.class);

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
     */
    void connected(Session session) {
        if (membership.roster().isRevoked(session.remotePeer())) {
            session.close(
                    ErrorCode.NOT_A_MEMBER,
                    "this node was removed from network " + membership.roster().networkName());
            return;
        }
        if (session.direction() == Direction.OUTBOUND && membership.roster().isMember(session.remotePeer())) {
            sync(session);
        }
    }

    private void changed(Roster roster) {
        for (Session s : sessions.get()) {
            PeerId peer = s.remotePeer();
            if (roster.isRevoked(peer)) {
                log.info("Disconnected {}: it was removed from network {}.", peer.shortForm(), roster.networkName());
                s.close(ErrorCode.NOT_A_MEMBER, "this node was removed from network " + roster.networkName());
            } else if (roster.isMember(peer)) {
                syncLater(s);
            }
        }
    }

    private void syncLater(Session session) {
        Thread.ofVirtual().name("peernet-member-sync").start(() -> sync(session));
    }

    private void sync(Session session) {
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
        }
    }
}
