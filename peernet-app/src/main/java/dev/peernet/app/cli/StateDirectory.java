package dev.peernet.app.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where a node keeps its identity and {@code control.json}. */
final class StateDirectory {
    static final String ENV = "PEERNET_HOME";

    private StateDirectory() {}

    /** {@code option} if given, else {@code $PEERNET_HOME} if set, else {@code ~/.peernet}; absolute. */
    static Path resolve(Path option, Map<String, String> env, Path userHome) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String home = env.get(ENV);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return userHome.resolve(".peernet").toAbsolutePath().normalize();
    }
}
