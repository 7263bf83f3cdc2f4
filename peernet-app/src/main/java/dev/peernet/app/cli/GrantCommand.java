package dev.peernet.app.cli;

import dev.peernet.app.api.GrantRequest;
import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet grant PEER admin}: makes a member an admin; only admins may. */
@Command(
        name = "grant",
        mixinStandardHelpOptions = true,
        description = "Give a member a role (admins only); 'admin' is the only role to grant.")
final class GrantCommand implements Callable<Integer> {
    private static final String ADMIN = "admin";

    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PEER", description = "The member's ID, short ID or name.")
    String member;

    @Parameters(index = "1", paramLabel = "ROLE", description = "The role to give: admin.")
    String role;

    @Override
    public Integer call() throws Exception {
        if (!role.equals(ADMIN)) {
            throw new ParameterException(spec.commandLine(), "ROLE must be 'admin', not '" + role + "'");
        }
        MemberResponse granted;
        try (ControlClient client = parent.client()) {
            granted = client.grant(new GrantRequest(member, ADMIN));
        }
        spec.commandLine()
                .getOut()
                .printf("%s (%s) is now an admin.%n", granted.name(), PeersTable.shortId(granted.id()));
        return ExitCodes.OK;
    }
}
