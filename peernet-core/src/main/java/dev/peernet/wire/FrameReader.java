package dev.peernet.wire;

import java.io.IOException;
import java.io.InputStream;

/** Reads frames from a byte stream, enforcing the maximum payload size before reading a payload. */
public final class FrameReader {
    private final InputStream in;
    private final int maxPayload;
    private final BufferPool dataPayloads;
    private final byte[] header = new byte[FrameCodec.HEADER_BYTES];

    public FrameReader(InputStream in, int maxPayload) {
        this(in, maxPayload, new BufferPool(0, 0));
    }

    /**
     * A reader that takes DATA payloads of the pool's size from {@code dataPayloads}; whoever
     * consumes a {@link Frame.Data} may give its payload back.
     */
    public FrameReader(InputStream in, int maxPayload, BufferPool dataPayloads) {
        this.in = in;
        this.maxPayload = maxPayload;
        this.dataPayloads = dataPayloads;
    }

    /**
     * The next frame, or null if the stream ended cleanly between frames.
     *
     * @throws FrameException on a frame that breaks the protocol (see its stream ID for scope),
     *     including a frame cut short by the end of the stream ({@link ErrorCode#MALFORMED_FRAME})
     */
    public Frame read() throws IOException {
        int got = in.readNBytes(header, 0, header.length);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME, 0, "truncated frame: the connection ended inside a frame header");
        }
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        int type = header[3] & 0xff;
        int flags = header[4] & 0xff;
        int streamId = ((header[5] & 0xff) << 24)
                | ((header[6] & 0xff) << 16)
                | ((header[7] & 0xff) << 8)
                | (header[8] & 0xff);
        if (length > maxPayload) {
            throw new FrameException(
                    ErrorCode.FRAME_TOO_LARGE,
                    0,
                    "frame of " + length + " bytes exceeds the maximum of " + maxPayload + " bytes");
        }
        if (streamId < 0) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, 0, "stream IDs must not use the top bit");
        }
        boolean pooled = type == FrameType.DATA.code && length == dataPayloads.size() && length > 0;
        byte[] payload = pooled ? dataPayloads.take() : new byte[length];
        int read = in.readNBytes(payload, 0, length);
        if (read < length) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME,
                    0,
                    "truncated frame: the connection ended after " + read + " of " + length + " payload bytes");
        }
        return FrameCodec.decode(type, flags, streamId, payload);
    }
}
