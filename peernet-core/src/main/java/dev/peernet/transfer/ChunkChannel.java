package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.io.Closeable;
import java.io.IOException;

/**
 * A pipelined channel for reading chunks from one member: {@link #request} sends a request at once
 * and returns; {@link #receive} reads the next answer, in the order the requests were sent. One
 * thread may request while another receives.
 */
public interface ChunkChannel extends Closeable {
    /** The member at the other end. */
    PeerId peer();

    /** Asks for chunk {@code index} of the file at {@code location}, whose content hash is {@code fileHash}. */
    void request(Location location, byte[] fileHash, int index) throws IOException;

    /**
     * Reads the answer to the oldest unanswered request: the chunk's bytes into {@code into} (from
     * offset 0), returning how many.
     *
     * @throws dev.peernet.share.RemoteShareException if the member refused that request (for
     *     example {@code FILE_CHANGED}); the channel stays usable
     * @throws IOException if the channel broke; it is unusable afterwards
     */
    int receive(byte[] into) throws IOException;

    @Override
    void close();
}
