package dev.peernet.node;

import dev.peernet.discovery.DiscoveryEvent;
import dev.peernet.discovery.NearbyPeer;
import dev.peernet.membership.Membership;
import dev.peernet.membership.MembershipException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-touch option: with a network passphrase, a node that hears a nearby node of another
 * network tries to join it by proving the passphrase. The member refuses when its own network is
 * the one that should move (see {@code Merge}), and then it joins this one when it hears it, so
 * networks sharing a passphrase merge into one.
 */
final class PassphraseJoiner {
    private static final Logger log = LoggerFactory.getLogger(PassphraseJoiner.class);

    /** Attempts per nearby node at most this often, so a refusing node is not hammered. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final Node node;
    private final Membership membership;
    private final InstantSource clock;
    private final Map<String, Instant> lastTried = new ConcurrentHashMap<>();

    PassphraseJoiner(Node node, Membership membership, InstantSource clock) {
        this.node = node;
        this.membership = membership;
        this.clock = clock;
    }

    /** A discovery listener: must not block, so attempts run on their own threads. */
    void heard(DiscoveryEvent event) {
        NearbyPeer peer = switch (event) {
            case DiscoveryEvent.Appeared a -> a.peer();
            case DiscoveryEvent.Updated u -> u.peer();
            case DiscoveryEvent.Gone g -> null;
        };
        if (peer == null
                || peer.addresses().isEmpty()
                || peer.networkId().equals(membership.roster().networkId().toString())) {
            return;
        }
        String key = peer.id() + "/" + peer.networkId();
        Instant now = clock.instant();
        Instant before = lastTried.get(key);
        if (before != null && now.isBefore(before.plus(RETRY_AFTER))) {
            return;
        }
        lastTried.put(key, now);
        Thread.ofVirtual().name("peernet-passphrase-join").start(() -> tryJoin(peer));
    }

    private void tryJoin(NearbyPeer peer) {
        for (InetSocketAddress address : peer.addresses()) {
            try {
                var roster = node.joinWithPassphrase(address, peer.id());
                log.info(
                        "Joined network {} of nearby {} with the network passphrase.",
                        roster.networkName(),
                        peer.name());
                return;
            } catch (MembershipException e) {
                log.info("Nearby {} did not admit this node: {}", peer.name(), e.getMessage());
                return;
            } catch (IOException e) {
                log.debug("Could not reach nearby {} at {}: {}", peer.name(), address, e.getMessage());
            }
        }
    }
}
