package dev.peernet.app.cli;

import dev.peernet.app.api.DoctorResponse;
import dev.peernet.app.api.Json;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peernet doctor}: checks the node's setup and explains what stops peers from finding or
 * reaching it. Exits 1 when it found a problem, so scripts can tell.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check interfaces, subnets, ports, mDNS and peers, and explain any problem with a fix.")
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DoctorResponse report;
        try (ControlClient client = parent.client()) {
            report = client.doctor();
        }
        String text = json ? Json.pretty(report) + System.lineSeparator() : DoctorText.format(report);
        spec.commandLine().getOut().print(text);
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
