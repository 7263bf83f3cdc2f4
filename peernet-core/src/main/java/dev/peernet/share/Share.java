package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A folder this node shares.
 *
 * @param name the name members know it by
 * @param root the absolute, real path of the folder
 * @param writable whether members may write to it (read-only otherwise)
 * @param toAll whether every member may see it, now and in future
 * @param to the members that may see it when not {@code toAll}
 * @param created when it was added
 */
public record Share(String name, Path root, boolean writable, boolean toAll, List<PeerId> to, Instant created) {
    public Share {
        to = List.copyOf(to);
    }

    /** Whether {@code peer} may see this share. */
    public boolean visibleTo(PeerId peer) {
        return toAll || to.contains(peer);
    }
}
