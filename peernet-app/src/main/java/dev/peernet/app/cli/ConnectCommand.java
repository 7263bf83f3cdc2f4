package dev.peernet.app.cli;

import dev.peernet.app.api.ConnectRequest;
import dev.peernet.app.api.PeerResponse;
import dev.peernet.app.client.ControlClient;
import dev.peernet.identity.PeerId;
import dev.peernet.node.HostPort;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet connect HOST:PORT}: dials a peer and prints the peer ID that answered. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = "Connect the running node to a peer and print the peer's ID.")
final class ConnectCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", converter = HostPortConverter.class, description = "Where the peer listens.")
    HostPort address;

    @Option(
            names = "--expect",
            paramLabel = "PEERID",
            description = "Refuse the connection unless this peer ID answers.")
    String expect;

    @Override
    public Integer call() throws Exception {
        String expected = expect == null ? null : expectedId();
        PeerResponse peer;
        try (ControlClient client = parent.client()) {
            peer = client.connect(new ConnectRequest(address.toString(), expected));
        }
        spec.commandLine().getOut().printf("Connected to %s (%s) at %s.%n", peer.id(), peer.name(), peer.address());
        return ExitCodes.OK;
    }

    /** Checked here, so a typo is a usage error that never reaches the network. */
    private String expectedId() {
        try {
            return PeerId.parse(expect).toString();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid value for option '--expect': " + e.getMessage(), e, null, expect);
        }
    }
}
