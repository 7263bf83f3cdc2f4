package dev.peernet.share;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.StreamMessages.ProtocolException;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Serves {@value #PROTOCOL} (share.proto, docs/protocol/share.md) from a {@link ShareCatalog}: each
 * stream's requests are answered in order on the stream's own thread, so a client may pipeline.
 * Only members reach it (the node's protocol gate); what a member sees is what the catalog lets it
 * see, and what it may ask at once is bounded per member ({@link MemberLimits}).
 */
public final class ShareServer {
    public static final String PROTOCOL = "/peernet/share/1";

    /** How long a member refused a stream for having too many should wait before opening another. */
    static final int STREAMS_RETRY_MILLIS = 1000;

    private final ShareCatalog catalog;
    private final UploadLimiter uploads;
    private final MemberLimits limits;

    /**
     * @param uploads the node-wide upload limit, applied to every chunk sent
     * @param nanoTime the clock of the per-member request limits
     */
    public ShareServer(ShareCatalog catalog, UploadLimiter uploads, LongSupplier nanoTime) {
        this.catalog = catalog;
        this.uploads = uploads;
        this.limits = new MemberLimits(nanoTime);
    }

    /** The node-wide upload limit, changeable while uploads run. */
    public UploadLimiter uploads() {
        return uploads;
    }

    /** Serves one stream until the client ends it; the stream's handler. */
    public void serve(Stream stream) throws IOException {
        PeerId peer = stream.remotePeer();
        if (!limits.openStream(peer)) {
            ShareWire.write(
                    stream.output(),
                    error(new RemoteShareException(
                            Error.Code.RATE_LIMITED,
                            "You have " + MemberLimits.MAX_STREAMS + " share streams open to this node already;"
                                    + " close one first.",
                            STREAMS_RETRY_MILLIS)));
            return;
        }
        try {
            new ServingStream(stream, catalog, uploads, limits).run();
        } catch (ProtocolException e) {
            stream.reset(ErrorCode.PROTOCOL_ERROR, e.getMessage());
        } finally {
            limits.closeStream(peer);
        }
    }

    static ShareResponse error(RemoteShareException e) {
        return ShareResponse.newBuilder()
                .setError(Error.newBuilder()
                        .setCode(e.code())
                        .setMessage(String.valueOf(e.getMessage()))
                        .setRetryAfterMs((int) Math.min(Integer.MAX_VALUE, e.retryAfterMillis())))
                .build();
    }
}
