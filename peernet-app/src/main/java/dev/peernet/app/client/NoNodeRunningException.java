package dev.peernet.app.client;

import java.io.IOException;
import java.nio.file.Path;

/** No node answers for a state directory: no {@code control.json}, a dead pid, or a silent API. */
public final class NoNodeRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoNodeRunningException(Path stateDir) {
        super("No Peernet node is running with state dir " + stateDir + " (start one with: peernet up).");
    }
}
