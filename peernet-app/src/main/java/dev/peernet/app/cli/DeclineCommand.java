package dev.peernet.app.cli;

import dev.peernet.app.api.OfferDecisionRequest;
import dev.peernet.app.api.OfferResponse;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet decline ID}: refuse an incoming offer; the sender is told. */
@Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline files a member offered.")
final class DeclineCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "ID",
            description = "The offer's ID or its first characters ('peernet accept' lists them).")
    String id;

    @Override
    public Integer call() throws Exception {
        try (ControlClient client = parent.client()) {
            OfferResponse offer = client.decline(new OfferDecisionRequest(id));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Declined %s from %s.%n",
                            ShareText.files(offer.files().size()), AcceptCommand.from(offer));
        }
        return ExitCodes.OK;
    }
}
