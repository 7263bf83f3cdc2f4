package dev.peernet.bench;

import dev.peernet.bench.Sink.Drained;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The sender's side of one transfer, and where to learn what the sink at the far end saw.
 *
 * @param input where the sink's acknowledgement arrives
 * @param output where the payload goes
 * @param endOfOutput closing it ends the sender's half: TCP FIN, TLS close_notify, or the stream's
 *     end-of-stream marker
 * @param resource closing it releases everything on the sender's side
 * @param drained completed by the sink once it has acknowledged
 */
record Connection(
        InputStream input,
        OutputStream output,
        Closeable endOfOutput,
        Closeable resource,
        CompletableFuture<Drained> drained)
        implements Closeable {
    @Override
    public void close() throws IOException {
        resource.close();
    }
}
