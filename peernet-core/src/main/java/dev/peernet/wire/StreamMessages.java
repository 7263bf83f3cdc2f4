package dev.peernet.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Protobuf messages on a stream, each as a varint length and the encoded message: how the
 * protocols above the session exchange messages. The length is checked against a limit before
 * anything is read, so a hostile length costs nothing.
 */
public final class StreamMessages {
    private StreamMessages() {}

    /** Writes {@code message} in one piece (one DATA frame when it fits). */
    public static void write(OutputStream out, MessageLite message) throws IOException {
        int size = message.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        coded.writeUInt32NoTag(size);
        message.writeTo(coded);
        coded.checkNoSpaceLeft();
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one message of at most {@code maxBytes}.
     *
     * @param what names the message in errors, like "a join request"
     * @throws EOFException if the stream ends first
     * @throws ProtocolException if the message is too large or malformed
     */
    public static <T> T read(InputStream in, Parser<T> parser, int maxBytes, String what) throws IOException {
        byte[] bytes = readFrame(in, maxBytes, what);
        if (bytes == null) {
            throw new EOFException("the peer ended the stream before sending " + what);
        }
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolException(what + " is malformed: " + e.getMessage());
        }
    }

    /**
     * Reads one length-prefixed message of at most {@code maxBytes} without decoding it: for
     * protocols that decode their own way, or read many messages until the peer ends the stream.
     *
     * @return its bytes, or null if the stream ended cleanly before it
     * @throws EOFException if the stream ends inside it
     * @throws ProtocolException if its length is malformed or too large
     */
    public static byte[] readFrame(InputStream in, int maxBytes, String what) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int size;
        try {
            size = CodedInputStream.readRawVarint32(first, in);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolException("the length of " + what + " is malformed");
        }
        if (size < 0 || size > maxBytes) {
            throw new ProtocolException(what + " of " + Integer.toUnsignedString(size) + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        byte[] bytes = in.readNBytes(size);
        if (bytes.length < size) {
            throw new EOFException("the stream ended inside " + what);
        }
        return bytes;
    }

    /** A peer broke the rules of a protocol above the session. */
    public static final class ProtocolException extends IOException {
        public ProtocolException(String message) {
            super(message);
        }
    }
}
