package dev.peernet.app.daemon;

import dev.peernet.app.api.NodeControl;
import dev.peernet.node.Node;
import dev.peernet.node.NodeConfig;
import java.io.IOException;

/** Starts the node a daemon runs; tests substitute a fake node. */
@FunctionalInterface
public interface NodeStarter {
    NodeControl start(NodeConfig config) throws IOException;

    /** Starts a real {@link Node}. */
    static NodeStarter real() {
        return config -> NodeControl.of(Node.start(config));
    }
}
