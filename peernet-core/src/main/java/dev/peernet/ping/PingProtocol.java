package dev.peernet.ping;

import dev.peernet.session.Stream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@value #NAME}: the client sends 32 random bytes, the server echoes them, as often as the client
 * likes; the client times each echo. Runs on an ordinary stream, so it measures what an application
 * stream sees, queueing behind other streams included.
 */
public final class PingProtocol {
    /** Protocol name and version. */
    public static final String NAME = "/peernet/ping/1";

    /** Bytes per probe: small, like ICMP echo's default payload. */
    static final int PROBE_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PingProtocol() {}

    /** Serves one ping stream: echoes whole probes until the client ends the stream. */
    public static void serve(Stream stream) throws IOException {
        InputStream in = stream.input();
        OutputStream out = stream.output();
        byte[] probe = new byte[PROBE_BYTES];
        while (in.readNBytes(probe, 0, PROBE_BYTES) == PROBE_BYTES) {
            out.write(probe);
        }
    }

    /**
     * Times one probe on an open ping stream.
     *
     * @throws IOException if the echo is missing or differs
     */
    public static Duration probe(Stream stream) throws IOException {
        byte[] probe = new byte[PROBE_BYTES];
        RANDOM.nextBytes(probe);
        long start = System.nanoTime();
        stream.output().write(probe);
        byte[] echo = stream.input().readNBytes(PROBE_BYTES);
        long elapsed = System.nanoTime() - start;
        if (!Arrays.equals(probe, echo)) {
            throw new IOException("the peer's ping echo did not match the probe");
        }
        return Duration.ofNanos(elapsed);
    }
}
