package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw TCP series with the real {@code nc}, on 127.0.0.1 only; skipped where nc is not installed. */
class NetcatTest {
    @TempDir
    Path dir;

    @Test
    void ncCarriesTheFileByteForByteAndItsTwoProcessesCpuIsCounted() throws IOException {
        assumeTrue(
                Command.run(java.util.List.of("sh", "-c", "command -v nc"), Duration.ofSeconds(10))
                        .ok(),
                "needs nc");
        Payload.writeFile(dir.resolve("sent"), 8 << 20, 5);
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        Sample s = new Netcat(port).transfer(dir.resolve("sent"), dir.resolve("got"), Duration.ofSeconds(30));

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got"))).isEmpty();
        assertThat(s.seconds()).isPositive().isLessThan(30);
        assertThat(s.cpuSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(s.receiverPeakRssBytes()).isEqualTo(-1);
        assertThat(Files.size(dir.resolve("got"))).isEqualTo(8 << 20);
    }
}
