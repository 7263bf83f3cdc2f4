package dev.peernet.send;

import dev.peernet.identity.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A one-shot send as one side sees it.
 *
 * @param id the offer's ID in hex
 * @param incoming whether this node receives it
 * @param peer the other member
 * @param files the offered paths, relative, with their sizes
 * @param state where it stands
 * @param message why it was refused, declined or failed
 * @param transferId the transfer that fetches it (incoming, once accepted)
 * @param bytesServed the chunk bytes sent for it so far (outgoing)
 * @param created when it was made or received
 * @param finished when it ended
 */
public record OfferStatus(
        String id,
        boolean incoming,
        PeerId peer,
        List<File> files,
        State state,
        Optional<String> message,
        Optional<String> transferId,
        long bytesServed,
        Instant created,
        Optional<Instant> finished) {
    public OfferStatus {
        files = List.copyOf(files);
    }

    /** The total size of the offered files. */
    public long bytes() {
        return files.stream().mapToLong(File::size).sum();
    }

    /** One offered file: its relative path and size. */
    public record File(String path, long size) {}

    /** Where an offer stands. */
    public enum State {
        /** The sender is hashing the files and offering them. */
        PREPARING,
        /** The receiver's user has not decided yet. */
        PENDING,
        /** The receiver is fetching them. */
        ACCEPTED,
        /** The receiver refuses offers, or the target cannot take them. */
        REFUSED,
        /** The receiver's user declined it. */
        DECLINED,
        /** Every file arrived and verified. */
        COMPLETE,
        /** It could not be sent or fetched. */
        FAILED;

        public boolean ended() {
            return this == REFUSED || this == DECLINED || this == COMPLETE || this == FAILED;
        }
    }
}
