package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The network as the transfer engine sees it: who holds which content, and channels to them. */
public interface ChunkNetwork {
    /** This node's own ID (never a source). */
    PeerId self();

    /**
     * Every other online member that holds a file with content hash {@code fileHash}, asked in
     * parallel; members that do not answer within {@code timeout} are left out.
     */
    List<Location> locate(byte[] fileHash, Duration timeout);

    /** The file at {@code location}, with its chunk hashes. */
    RemoteFile describe(Location location) throws IOException;

    /** Every file below {@code location} (a directory; "" is the share's root), at any depth. */
    List<RemoteFile> describeTree(Location location) throws IOException;

    /** Opens a chunk channel to {@code peer}. */
    ChunkChannel open(PeerId peer) throws IOException;
}
