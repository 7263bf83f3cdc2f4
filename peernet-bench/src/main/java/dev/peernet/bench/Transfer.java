package dev.peernet.bench;

import dev.peernet.bench.Sink.Drained;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one payload through a carrier in 64 KiB writes, ends the output, and waits for the sink's
 * count; timed from just before the first write to the sink reading the last byte.
 */
final class Transfer {
    static final int WRITE_SIZE = 64 * 1024;
    /** Generous on purpose: a stall fails the run instead of hanging it, and nothing slower is a result. */
    private static final Duration MIN_DEADLINE = Duration.ofSeconds(60);

    private static final long SLOWEST_BYTES_PER_SECOND = 10_000_000;
    private static final Duration SINK_REPORT_TIMEOUT = Duration.ofSeconds(30);

    /** Random bytes, so nothing on the way could profit from a compressible payload. */
    private final byte[] payload = new byte[WRITE_SIZE];

    Transfer() {
        new SplittableRandom(7707).nextBytes(payload);
    }

    /**
     * Runs one transfer of {@code bytes}.
     *
     * @throws IOException if the carrier fails, the sink's count differs, or the deadline passes
     */
    Measurement run(Carrier carrier, long bytes) throws IOException {
        try (Connection connection = carrier.open();
                Watchdog watchdog = Watchdog.start(deadline(bytes), connection)) {
            return watchdog.guard(() -> measure(connection, bytes));
        }
    }

    static Duration deadline(long bytes) {
        return MIN_DEADLINE.plusSeconds(bytes / SLOWEST_BYTES_PER_SECOND);
    }

    private Measurement measure(Connection connection, long bytes) throws IOException {
        ResourceUsage before = ResourceUsage.now();
        long start = System.nanoTime();
        write(connection.output(), bytes);
        connection.endOfOutput().close();
        long acknowledged = Sink.readAcknowledgement(connection.input());
        Drained drained = await(connection.drained());
        ResourceUsage used = ResourceUsage.now().since(before);
        verify(bytes, acknowledged, drained.bytes());
        return new Measurement(bytes, drained.lastByteNanos() - start, used);
    }

    private void write(OutputStream out, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(payload.length, left);
            out.write(payload, 0, n);
            left -= n;
        }
        out.flush();
    }

    private static Drained await(Future<Drained> drained) throws IOException {
        try {
            return drained.get(SINK_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the sink.");
        } catch (TimeoutException e) {
            throw new IOException("The sink acknowledged but did not report within " + SINK_REPORT_TIMEOUT + ".", e);
        } catch (ExecutionException e) {
            throw new IOException("The sink failed: " + e.getCause(), e.getCause());
        }
    }

    private static void verify(long sent, long acknowledged, long drained) throws IOException {
        if (acknowledged != sent || drained != sent) {
            throw new IOException("Sent " + sent + " bytes but the sink counted " + drained + " and acknowledged "
                    + acknowledged + ".");
        }
    }
}
