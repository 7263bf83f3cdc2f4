package dev.peernet.wire;

import java.util.Arrays;
import java.util.List;

/**
 * One frame of the Peernet session protocol. Frames are modelled here as plain records; their
 * byte form lives in {@link FrameCodec} and {@link FrameReader}, and is specified in
 * {@code docs/protocol/session.md}. A frame type this build does not know is delivered as {@link
 * Unknown}, never dropped.
 */
public sealed interface Frame {
    /** The stream the frame belongs to; 0 for connection-level frames. */
    int streamId();

    /** Stream bytes; {@code fin} ends the sender's half of the stream. */
    @SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare contents; no copy on the hot path
    record Data(int streamId, boolean fin, byte[] payload) implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.streamId == streamId && d.fin == fin && Arrays.equals(d.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * streamId + Boolean.hashCode(fin)) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Data[stream=" + streamId + ", fin=" + fin + ", " + payload.length + " bytes]";
        }
    }

    /** Opens a stream speaking {@code protocol}. */
    record Open(int streamId, String protocol) implements Frame {}

    /** The receiver serves the protocol named in the stream's OPEN. */
    record Accept(int streamId) implements Frame {}

    /** Aborts a stream in both directions. */
    record Reset(int streamId, ErrorCode code, String message) implements Frame {}

    /** Grants the peer {@code increment} more bytes of DATA on the stream. */
    record WindowUpdate(int streamId, int increment) implements Frame {}

    /** Keepalive probe; the peer echoes {@code nonce} in a PONG. */
    record Ping(long nonce) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** Answer to a PING. */
    record Pong(long nonce) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** The sender is closing the connection, and why. */
    record GoAway(ErrorCode code, String message) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** The first frame on a connection, in each direction. */
    record Hello(
            int protocolVersion,
            int minProtocolVersion,
            String name,
            List<String> listenAddresses,
            List<String> capabilities,
            int initialWindow,
            int maxFramePayload)
            implements Frame {
        public Hello {
            listenAddresses = List.copyOf(listenAddresses);
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public int streamId() {
            return 0;
        }
    }

    /** A frame of a type this build does not know. */
    @SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare contents
    record Unknown(int type, int flags, int streamId, byte[] payload) implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u
                    && u.type == type
                    && u.flags == flags
                    && u.streamId == streamId
                    && Arrays.equals(u.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * type + flags) + streamId) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", stream=" + streamId + ", " + payload.length + " bytes]";
        }
    }
}
