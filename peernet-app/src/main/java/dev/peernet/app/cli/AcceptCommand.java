package dev.peernet.app.cli;

import dev.peernet.app.api.OfferDecisionRequest;
import dev.peernet.app.api.OfferResponse;
import dev.peernet.app.client.ControlClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet accept [ID]}: accept an incoming offer, or list those waiting. */
@Command(
        name = "accept",
        mixinStandardHelpOptions = true,
        description = "Accept files a member offered (peernet send); without ID, list the offers waiting.")
final class AcceptCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The offer's ID or its first characters.")
    String id;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = parent.client()) {
            if (id == null) {
                out.print(pending(client.offers()));
                return ExitCodes.OK;
            }
            OfferResponse offer = client.accept(new OfferDecisionRequest(id));
            out.printf(
                    "Accepted %s from %s; fetching it (transfer %s).%n",
                    ShareText.files(offer.files().size()), from(offer), offer.transfer());
        }
        return ExitCodes.OK;
    }

    static String pending(List<OfferResponse> offers) {
        List<OfferResponse> waiting = offers.stream()
                .filter(o -> "incoming".equals(o.direction()) && "pending".equals(o.state()))
                .toList();
        if (waiting.isEmpty()) {
            return "No offers are waiting." + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        for (OfferResponse o : waiting) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s  from %s: %s, %s: %s%n",
                    o.id().substring(0, 8),
                    from(o),
                    ShareText.files(o.files().size()),
                    ShareText.bytes(o.bytes()),
                    String.join(", ", o.files().stream().limit(5).toList())
                            + (o.files().size() > 5 ? ", ..." : "")));
        }
        return out.toString();
    }

    static String from(OfferResponse o) {
        return o.peerName() == null || o.peerName().isEmpty() ? PeersTable.shortId(o.peer()) : o.peerName();
    }
}
