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

    /** A frame header, read before its payload. */
    public record Header(int length, int type, int flags, int streamId) {
        /** Whether this heads a DATA frame of stream {@code id}. */
        public boolean isDataOf(int id) {
            return type == FrameType.DATA.code && streamId == id;
        }

        /** The FIN flag, on a DATA frame. */
        public boolean fin() {
            return (flags & FrameCodec.FLAG_FIN) != 0;
        }
    }

    /**
     * The next frame, or null if the stream ended cleanly between frames.
     *
     * @throws FrameException on a frame that breaks the protocol (see its stream ID for scope),
     *     including a frame cut short by the end of the stream ({@link ErrorCode#MALFORMED_FRAME})
     */
    public Frame read() throws IOException {
        Header header = readHeader();
        return header == null ? null : readBody(header);
    }

    /**
     * The next frame's header, or null if the stream ended cleanly between frames. The caller then
     * reads the payload with {@link #readBody} or {@link #readPayload}.
     */
    public Header readHeader() throws IOException {
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
        return new Header(length, type, flags, streamId);
    }

    /** Reads the whole payload of the frame {@code h} heads and decodes the frame. */
    public Frame readBody(Header h) throws IOException {
        boolean pooled = h.type() == FrameType.DATA.code && h.length() == dataPayloads.size() && h.length() > 0;
        byte[] payload = pooled ? dataPayloads.take() : new byte[h.length()];
        readPayload(h, payload, 0, 0, h.length());
        return FrameCodec.decode(h.type(), h.flags(), h.streamId(), payload);
    }

    /**
     * Reads {@code len} bytes of the payload of the frame {@code h} heads into {@code dst}, after
     * the {@code done} payload bytes read before: lets a caller split a payload between buffers.
     */
    public void readPayload(Header h, byte[] dst, int off, int done, int len) throws IOException {
        int read = in.readNBytes(dst, off, len);
        if (read < len) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME,
                    0,
                    "truncated frame: the connection ended after " + (done + read) + " of " + h.length()
                            + " payload bytes");
        }
    }
}
