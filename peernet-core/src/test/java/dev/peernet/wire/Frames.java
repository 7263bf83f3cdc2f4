package dev.peernet.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the codec tests: concatenated encodings and reading a stream to its end. */
public final class Frames {
    /** Large enough for every frame the tests build; what {@code SessionConfig} uses by default. */
    static final int MAX_PAYLOAD = 256 * 1024;

    private Frames() {}

    static byte[] encodeAll(List<? extends Frame> frames) {
        var out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(FrameCodec.encode(f)));
        return out.toByteArray();
    }

    /** Every frame until the clean end of {@code in}. */
    static List<Frame> readAll(InputStream in) throws IOException {
        var reader = new FrameReader(in, MAX_PAYLOAD);
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = reader.read()) != null) {
            frames.add(f);
        }
        return frames;
    }

    /** A raw header with any field values, including ones {@link FrameCodec} never writes. */
    public static byte[] header(int length, int type, int flags, int streamId) {
        return new byte[] {
            (byte) (length >>> 16),
            (byte) (length >>> 8),
            (byte) length,
            (byte) type,
            (byte) flags,
            (byte) (streamId >>> 24),
            (byte) (streamId >>> 16),
            (byte) (streamId >>> 8),
            (byte) streamId
        };
    }

    /** A raw frame: a truthful header and {@code payload}. */
    static byte[] raw(FrameType type, int streamId, byte[] payload) {
        return raw(type.code, 0, streamId, payload);
    }

    static byte[] raw(int type, int flags, int streamId, byte[] payload) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(header(payload.length, type, flags, streamId));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
