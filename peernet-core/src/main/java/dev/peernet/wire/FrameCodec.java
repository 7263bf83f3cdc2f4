package dev.peernet.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.peernet.wire.proto.StreamOpen;

/**
 * Byte form of frames: a 9-byte header (24-bit payload length, type, flags, 32-bit stream ID, all
 * big-endian) followed by the payload. Control payloads are the protobuf messages of {@code
 * session.proto}.
 */
public final class FrameCodec {
    /** Header size in bytes. */
    public static final int HEADER_BYTES = 9;

    /** The FIN flag on DATA frames. */
    static final int FLAG_FIN = 0x1;

    /** Longest protocol name accepted in an OPEN, in characters. */
    static final int MAX_PROTOCOL_NAME = 256;

    private FrameCodec() {}

    /** Encodes any frame, header included. */
    public static byte[] encode(Frame frame) {
        return switch (frame) {
            case Frame.Data d -> data(d.streamId(), d.fin(), d.payload(), 0, d.payload().length);
            case Frame.Open o -> framed(FrameType.OPEN, 0, o.streamId(), WireMessages.open(o.protocol()));
            case Frame.Accept a -> framed(FrameType.ACCEPT, 0, a.streamId(), new byte[0]);
            case Frame.Reset r -> framed(FrameType.RESET, 0, r.streamId(), WireMessages.error(r.code(), r.message()));
            case Frame.WindowUpdate w -> framed(FrameType.WINDOW_UPDATE, 0, w.streamId(), int32(w.increment()));
            case Frame.Ping p -> framed(FrameType.PING, 0, 0, int64(p.nonce()));
            case Frame.Pong p -> framed(FrameType.PONG, 0, 0, int64(p.nonce()));
            case Frame.GoAway g -> framed(FrameType.GOAWAY, 0, 0, WireMessages.error(g.code(), g.message()));
            case Frame.Hello h -> framed(FrameType.HELLO, 0, 0, WireMessages.hello(h));
            case Frame.Unknown u -> header(u.type(), u.flags(), u.streamId(), u.payload(), 0, u.payload().length);
        };
    }

    /** A DATA frame carrying {@code len} bytes of {@code src} from {@code off}, in one array. */
    public static byte[] data(int streamId, boolean fin, byte[] src, int off, int len) {
        return header(FrameType.DATA.code, fin ? FLAG_FIN : 0, streamId, src, off, len);
    }

    /**
     * Like {@link #data(int, boolean, byte[], int, int)}, taking the array from {@code frames} when
     * header and payload fill exactly one of its arrays.
     */
    public static byte[] data(int streamId, boolean fin, byte[] src, int off, int len, BufferPool frames) {
        byte[] out = HEADER_BYTES + len == frames.size() ? frames.take() : new byte[HEADER_BYTES + len];
        return writeHeader(out, FrameType.DATA.code, fin ? FLAG_FIN : 0, streamId, src, off, len);
    }

    private static byte[] framed(FrameType type, int flags, int streamId, byte[] payload) {
        return header(type.code, flags, streamId, payload, 0, payload.length);
    }

    /** Writes the 9-byte header of a DATA frame carrying {@code len} bytes into {@code dst}. */
    public static void dataHeader(byte[] dst, int streamId, boolean fin, int len) {
        putHeader(dst, FrameType.DATA.code, fin ? FLAG_FIN : 0, streamId, len);
    }

    private static byte[] header(int type, int flags, int streamId, byte[] src, int off, int len) {
        if (len > 0xFFFFFF) {
            throw new IllegalArgumentException("a frame payload is at most 16 MiB - 1, not " + len);
        }
        return writeHeader(new byte[HEADER_BYTES + len], type, flags, streamId, src, off, len);
    }

    private static byte[] writeHeader(byte[] out, int type, int flags, int streamId, byte[] src, int off, int len) {
        putHeader(out, type, flags, streamId, len);
        System.arraycopy(src, off, out, HEADER_BYTES, len);
        return out;
    }

    private static void putHeader(byte[] out, int type, int flags, int streamId, int len) {
        out[0] = (byte) (len >>> 16);
        out[1] = (byte) (len >>> 8);
        out[2] = (byte) len;
        out[3] = (byte) type;
        out[4] = (byte) flags;
        out[5] = (byte) (streamId >>> 24);
        out[6] = (byte) (streamId >>> 16);
        out[7] = (byte) (streamId >>> 8);
        out[8] = (byte) streamId;
    }

    /**
     * Turns a header's fields and its payload into a frame.
     *
     * @throws FrameException if the payload does not fit the type
     */
    static Frame decode(int type, int flags, int streamId, byte[] payload) throws FrameException {
        FrameType known = FrameType.of(type);
        if (known == null) {
            return new Frame.Unknown(type, flags, streamId, payload);
        }
        return switch (known) {
            case DATA -> new Frame.Data(onStream(known, streamId), (flags & FLAG_FIN) != 0, payload);
            case OPEN -> new Frame.Open(onStream(known, streamId), protocolName(streamId, payload));
            case ACCEPT -> new Frame.Accept(onStream(known, streamId));
            case RESET -> resetFrame(onStream(known, streamId), payload);
            case WINDOW_UPDATE -> windowUpdate(onStream(known, streamId), payload);
            case PING -> new Frame.Ping(int64(onConnection(known, streamId), payload));
            case PONG -> new Frame.Pong(int64(onConnection(known, streamId), payload));
            case GOAWAY -> goAway(onConnection(known, streamId), payload);
            case HELLO ->
                WireMessages.hello(parse(
                        () -> dev.peernet.wire.proto.Hello.parseFrom(payload), onConnection(known, streamId), "HELLO"));
        };
    }

    private static int onStream(FrameType type, int streamId) throws FrameException {
        if (streamId == 0) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, 0, type + " frame on stream 0");
        }
        return streamId;
    }

    private static int onConnection(FrameType type, int streamId) throws FrameException {
        if (streamId != 0) {
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, 0, type + " frame on stream " + streamId);
        }
        return 0;
    }

    private static String protocolName(int streamId, byte[] payload) throws FrameException {
        String name =
                parse(() -> StreamOpen.parseFrom(payload), streamId, "OPEN").getProtocol();
        if (name.isEmpty() || name.length() > MAX_PROTOCOL_NAME || name.charAt(0) != '/') {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME, streamId, "OPEN names no valid protocol (it must start with '/')");
        }
        return name;
    }

    private static Frame.Reset resetFrame(int streamId, byte[] payload) throws FrameException {
        var error = parse(() -> dev.peernet.wire.proto.Error.parseFrom(payload), streamId, "RESET");
        return new Frame.Reset(streamId, ErrorCode.fromWire(error.getCodeValue()), error.getMessage());
    }

    private static Frame.GoAway goAway(int streamId, byte[] payload) throws FrameException {
        var error = parse(() -> dev.peernet.wire.proto.Error.parseFrom(payload), streamId, "GOAWAY");
        return new Frame.GoAway(ErrorCode.fromWire(error.getCodeValue()), error.getMessage());
    }

    private static Frame.WindowUpdate windowUpdate(int streamId, byte[] payload) throws FrameException {
        if (payload.length != 4) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME, 0, "WINDOW_UPDATE payload must be 4 bytes, not " + payload.length);
        }
        int increment = ((payload[0] & 0xff) << 24)
                | ((payload[1] & 0xff) << 16)
                | ((payload[2] & 0xff) << 8)
                | (payload[3] & 0xff);
        if (increment <= 0) {
            throw new FrameException(
                    ErrorCode.FLOW_CONTROL_ERROR, streamId, "WINDOW_UPDATE increment must be positive");
        }
        return new Frame.WindowUpdate(streamId, increment);
    }

    private static long int64(int streamId, byte[] payload) throws FrameException {
        if (payload.length != 8) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME, streamId, "PING/PONG payload must be 8 bytes, not " + payload.length);
        }
        long v = 0;
        for (byte b : payload) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] int64(long v) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    @FunctionalInterface
    private interface Parser<T extends MessageLite> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T extends MessageLite> T parse(Parser<T> parser, int streamId, String what) throws FrameException {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new FrameException(
                    ErrorCode.MALFORMED_FRAME, streamId, what + " payload is not a valid protobuf message");
        }
    }
}
