package dev.peernet.testkit;

import dev.peernet.membership.MembershipException;
import dev.peernet.node.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Puts nodes in one network for tests the way users do: the inviter issues a real invite, the
 * newcomer joins with it, and the connection the join made is then dropped, so a test starts with
 * members that are not connected.
 */
public final class TestNetwork {
    private TestNetwork() {}

    /** Brings {@code newcomer} into {@code inviter}'s network, reaching it at its first address. */
    public static void enroll(Node newcomer, Node inviter) throws IOException {
        try {
            newcomer.join(inviter.invite(
                    Duration.ofMinutes(1), 1, List.of(inviter.listenAddresses().getFirst())));
        } catch (MembershipException e) {
            throw new IOException(e.getMessage(), e);
        }
        newcomer.disconnect(inviter.id());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((!newcomer.peers().isEmpty() || !inviter.peers().isEmpty()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
