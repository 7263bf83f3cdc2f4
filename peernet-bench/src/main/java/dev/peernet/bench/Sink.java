package dev.peernet.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The receiving end in every mode: reads to end-of-stream in 64 KiB reads, notes when the last byte
 * arrived, and answers with the byte count as one 8-byte big-endian number.
 */
final class Sink {
    static final int READ_SIZE = 64 * 1024;
    private static final int ACK_SIZE = Long.BYTES;

    /**
     * What the sink saw.
     *
     * @param bytes how many bytes it read before end-of-stream
     * @param lastByteNanos {@link System#nanoTime()} just after the read that returned the last byte
     */
    record Drained(long bytes, long lastByteNanos) {}

    private Sink() {}

    /** Drains, acknowledges, and completes {@code result}; never throws, failures go to the future. */
    static void serve(InputStream in, OutputStream out, CompletableFuture<Drained> result) {
        try {
            Drained drained = drain(in);
            acknowledge(out, drained.bytes());
            result.complete(drained);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Serves on a new thread from {@code threads}, then closes {@code connection}. */
    static CompletableFuture<Drained> serveOn(
            Thread.Builder threads, InputStream in, OutputStream out, Closeable connection) {
        CompletableFuture<Drained> result = new CompletableFuture<>();
        threads.start(() -> {
            serve(in, out, result);
            closeQuietly(connection);
        });
        return result;
    }

    static Drained drain(InputStream in) throws IOException {
        byte[] buffer = new byte[READ_SIZE];
        long count = 0;
        long last = System.nanoTime();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            last = System.nanoTime();
        }
        return new Drained(count, last);
    }

    private static void acknowledge(OutputStream out, long count) throws IOException {
        out.write(ByteBuffer.allocate(ACK_SIZE).putLong(count).array());
        out.flush();
    }

    /** The sender's half: reads the count and checks that the sink then ended its side. */
    static long readAcknowledgement(InputStream in) throws IOException {
        byte[] ack = in.readNBytes(ACK_SIZE);
        if (ack.length != ACK_SIZE) {
            throw new EOFException("The sink ended its side after " + ack.length + " of the 8 acknowledgement bytes.");
        }
        if (in.read() != -1) {
            throw new IOException("The sink sent more than its 8-byte acknowledgement.");
        }
        return ByteBuffer.wrap(ack).getLong();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the transfer's outcome is already decided
        }
    }
}
