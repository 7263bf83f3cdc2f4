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

/** The raw TCP series with the real {@code nc}, on 127.0.0.1 only; skipped where it is not installed. */
class NetcatTest {
    private static final Path OPENBSD_NC = Path.of("/bin/nc.openbsd");

    @TempDir
    Path dir;

    @Test
    void ncCarriesTheFileByteForByteAndItsTwoProcessesCpuIsCounted() throws IOException {
        assumeTrue(Files.isExecutable(OPENBSD_NC), "needs OpenBSD's nc (Debian's netcat-openbsd)");
        Payload.writeFile(dir.resolve("sent"), 8 << 20, 5);
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        Sample s = new Netcat(OPENBSD_NC.toString(), port)
                .transfer(dir.resolve("sent"), dir.resolve("got"), Duration.ofSeconds(30));

        assertThat(Payload.difference(dir.resolve("sent"), dir.resolve("got"))).isEmpty();
        assertThat(s.seconds()).isPositive().isLessThan(30);
        assertThat(s.cpuSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(s.receiverPeakRssBytes()).isEqualTo(-1);
        assertThat(Files.size(dir.resolve("got"))).isEqualTo(8 << 20);
    }
}
