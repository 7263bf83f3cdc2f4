package dev.peernet.app.daemon;

import dev.peernet.app.api.ControlFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Keeps two daemons off one state directory: they would share one identity and one control file. */
final class RunningCheck {
    /** A live API on loopback accepts at once; this only bounds a stuck one. */
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private RunningCheck() {}

    /**
     * @throws IOException if {@code control.json} names a live process whose API still answers; a
     *     file left behind by a crash is ignored and later overwritten
     */
    static void refuseIfRunning(Path stateDir) throws IOException {
        Optional<ControlFile> file;
        try {
            file = ControlFile.read(stateDir);
        } catch (IOException unreadable) {
            return;
        }
        if (file.isPresent() && file.get().ownerAlive() && answers(file.get().url())) {
            throw new IOException("A Peernet node is already running with state dir " + stateDir + " (pid "
                    + file.get().pid() + "); stop it first or choose another --state-dir.");
        }
    }

    private static boolean answers(String url) {
        try (Socket socket = new Socket()) {
            URI uri = URI.create(url);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
