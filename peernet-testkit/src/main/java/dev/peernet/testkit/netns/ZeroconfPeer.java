package dev.peernet.testkit.netns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A third-party mDNS peer, on Debian's python3-zeroconf, in a lab host: it announces {@code
 * NAME._peernet._tcp.local.} (port 7000, TXT {@code id}, {@code net=py-net}, {@code v=1}), browses
 * {@code _peernet._tcp.local.} and prints {@code SEEN <instance> <txt> <addresses>} per service it
 * resolves; it says goodbye and exits after the given seconds or when stopped. The script is {@code
 * zeroconf_peer.py} beside this class.
 */
public final class ZeroconfPeer {
    private static final String PYTHON = "/usr/bin/python3";

    private ZeroconfPeer() {}

    /** Why the peer cannot run here (no python3, no python3-zeroconf), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Optional.of(PYTHON + " is missing");
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zeroconf")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Optional.empty();
            }
            p.destroyForcibly();
            return Optional.of("python3-zeroconf is missing (apt-get install -y python3-zeroconf)");
        } catch (IOException e) {
            return Optional.of("python3 cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking for python3-zeroconf");
        }
    }

    /**
     * Starts the peer in host {@code host}, announcing {@code name} with TXT {@code id=peerId} on the
     * host's lab address, for at most {@code seconds}.
     */
    public static NodeProcess start(NetnsLab lab, int host, String name, String peerId, int seconds)
            throws IOException {
        Path script = Files.createTempFile("zeroconf_peer", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = Objects.requireNonNull(
                ZeroconfPeer.class.getResourceAsStream("zeroconf_peer.py"), "zeroconf_peer.py is on the class path")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return NodeProcess.start(
                lab,
                host,
                "python",
                List.of(PYTHON, script.toString(), lab.address(host), name, peerId, Integer.toString(seconds)));
    }
}
