package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shares the share server reads from: every share, each with who may see it. A member sees
 * only what {@link ServedShare#visibleTo} allows, and a share hidden from it looks exactly like one
 * that does not exist.
 */
public interface ShareCatalog {
    /** Every share, visible to anyone or not. */
    List<ServedShare> shares() throws IOException;

    /** The shares {@code peer} may see. */
    default List<ServedShare> visibleTo(PeerId peer) throws IOException {
        return shares().stream().filter(s -> s.visibleTo(peer)).toList();
    }

    /** Share {@code name} if it exists and {@code peer} may see it. */
    default Optional<ServedShare> find(String name, PeerId peer) throws IOException {
        return visibleTo(peer).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * A number that changes whenever any share, its access list or its index changes, so that what
     * was read from the catalog may be reused while it stays the same; {@link #UNVERSIONED} if the
     * catalog cannot tell (nothing is reused).
     */
    default long version() {
        return UNVERSIONED;
    }

    long UNVERSIONED = Long.MIN_VALUE;

    /** The folders of {@code shares} and the offers of {@code offers}. */
    static ShareCatalog of(Shares shares, OfferShares offers) {
        return new ShareCatalog() {
            @Override
            public List<ServedShare> shares() throws IOException {
                List<ServedShare> all = new ArrayList<>(IndexedShare.all(shares));
                all.addAll(offers.shares());
                return List.copyOf(all);
            }

            @Override
            public long version() {
                return shares.store().version() * 31 + offers.version(); // both only grow, so the sum only grows
            }
        };
    }
}
