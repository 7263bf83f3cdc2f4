package dev.peernet.share;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.peernet.wire.StreamMessages;
import dev.peernet.wire.StreamMessages.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing of {@code /peernet/share/1} (share.proto): each message a varint length and its
 * bytes, and after a chunk header the chunk's raw bytes. Lengths are checked against a limit before
 * anything is read, so a hostile length costs nothing.
 */
final class ShareWire {
    /** A request holds two paths of at most 4 096 bytes and a hash; anything longer is not one. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    /**
     * The largest answer message: a file info of a 4 TiB file holds 262 144 chunk hashes (8 MiB);
     * pages are cut well below this ({@link Listings#PAGE_BYTES}).
     */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    /** Room before a chunk's bytes for its length-prefixed header: 1 + 1 + 1 + 2 × (1 + 5) = 15. */
    static final int CHUNK_HEADER_ROOM = 16;

    private ShareWire() {}

    /**
     * Reads the next message's bytes, or null if the stream ended cleanly before it.
     *
     * @throws ProtocolException if the length is malformed or above {@code maxBytes}
     * @throws EOFException if the stream ends inside the message
     */
    static byte[] readFrame(InputStream in, int maxBytes, String what) throws IOException {
        return StreamMessages.readFrame(in, maxBytes, what);
    }

    /** {@code message} with its length in front. */
    static byte[] frame(MessageLite message) {
        int size = message.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        write(message, size, bytes, 0);
        return bytes;
    }

    /** Writes {@code message} with its length in front, in one write. */
    static void write(OutputStream out, MessageLite message) throws IOException {
        out.write(frame(message));
    }

    /**
     * Puts {@code header} with its length in front just before {@code end} in {@code buffer} (the
     * room left before a chunk's bytes) and returns where it starts, so header and bytes go out in
     * one write without a copy.
     */
    static int frameBefore(MessageLite header, byte[] buffer, int end) {
        int size = header.getSerializedSize();
        int start = end - CodedOutputStream.computeUInt32SizeNoTag(size) - size;
        if (start < 0) {
            throw new IllegalArgumentException("no room for a header of " + size + " bytes");
        }
        write(header, size, buffer, start);
        return start;
    }

    private static void write(MessageLite message, int size, byte[] into, int offset) {
        CodedOutputStream coded = CodedOutputStream.newInstance(into, offset, into.length - offset);
        try {
            coded.writeUInt32NoTag(size);
            message.writeTo(coded);
        } catch (IOException e) {
            throw new IllegalStateException("an array sized for the message was too small", e);
        }
    }
}
