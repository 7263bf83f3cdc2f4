package dev.peernet.testkit;

import dev.peernet.identity.PeerId;
import java.util.Arrays;

/** Peer IDs for tests that need identities but no keys. */
final class TestPeers {
    private TestPeers() {}

    /** A peer ID whose 32 key bytes are all {@code n}. */
    static PeerId peer(int n) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        Arrays.fill(key, (byte) n);
        return PeerId.ofKeyBytes(key);
    }
}
