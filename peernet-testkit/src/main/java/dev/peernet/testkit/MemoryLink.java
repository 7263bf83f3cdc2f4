package dev.peernet.testkit;

import dev.peernet.identity.PeerId;
import dev.peernet.transport.SecureLink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * One end of an in-memory link. Its peer is proven by construction: the network made both ends.
 * Closing it behaves like closing a socket: the far end reads what was sent, then end of stream, and
 * its writes fail; this end's blocked reads and writes fail at once.
 */
final class MemoryLink implements SecureLink {
    private final PeerId remotePeer;
    private final InetSocketAddress remoteAddress;
    private final Pipe in;
    private final Pipe out;
    private final OutputStream output;
    private final byte[] channelBinding;

    MemoryLink(
            PeerId remotePeer,
            InetSocketAddress remoteAddress,
            Pipe in,
            Pipe out,
            OutputStream output,
            byte[] channelBinding) {
        this.remotePeer = remotePeer;
        this.remoteAddress = remoteAddress;
        this.in = in;
        this.out = out;
        this.output = output;
        this.channelBinding = channelBinding.clone();
    }

    /** Random bytes the two ends share, standing in for TLS's exporter. */
    @Override
    public byte[] channelBinding() {
        return channelBinding.clone();
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress.getHostString() + ":" + remoteAddress.getPort();
    }

    @Override
    public String remoteHost() {
        return remoteAddress.getHostString();
    }

    @Override
    public InputStream input() {
        return in.input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        out.closeWriter();
        in.closeReader();
    }

    @Override
    public String toString() {
        return "MemoryLink[to " + remotePeer.shortForm() + " at " + remoteAddress() + "]";
    }
}
