package dev.peernet.app.cli;

import dev.peernet.app.api.JoinRequest;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.client.ControlClient;
import dev.peernet.membership.InviteCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet join CODE}: brings the running node into the inviter's network. */
@Command(
        name = "join",
        mixinStandardHelpOptions = true,
        description = "Join the network of the member that gave you an invite code.",
        footer = "Exits 1 if the inviter refuses the code (used, expired or forged) or cannot be reached.")
final class JoinCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CODE", description = "The invite code, as 'peernet invite' printed it.")
    String code;

    @Override
    public Integer call() throws Exception {
        String checked = checkedCode();
        NetworkResponse network;
        try (ControlClient client = parent.client()) {
            network = client.join(new JoinRequest(checked));
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "Joined network %s (%s), %s.%n",
                        network.name(), network.id(), NetworkText.members(network.members()));
        return ExitCodes.OK;
    }

    /** Checked here, so a typo is a usage error that never reaches the network. */
    private String checkedCode() {
        try {
            return InviteCode.parse(code).toString();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, code);
        }
    }
}
