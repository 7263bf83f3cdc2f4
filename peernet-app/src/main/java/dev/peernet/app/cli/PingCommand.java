package dev.peernet.app.cli;

import dev.peernet.app.api.PingRequest;
import dev.peernet.app.api.PingResponse;
import dev.peernet.app.client.ApiException;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet ping PEER}: round trips to a connected peer, one line each, then a summary. */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        description = "Measure round trips to a connected peer.",
        footer = "Exits 0 if any reply came, 1 if none did.")
final class PingCommand implements Callable<Integer> {
    /** The API answers 502 when the peer did not reply: a lost ping, not a reason to stop. */
    private static final int NO_REPLY = 502;

    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PEER", description = "A connected peer's ID, short ID or name.")
    String peer;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            defaultValue = "4",
            description = "How many pings to send (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Time between pings, like 1s or 200ms (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PingStats stats = new PingStats();
        String label = peer;
        try (ControlClient client = parent.client()) {
            for (int seq = 1; seq <= count; seq++) {
                if (seq > 1) {
                    Thread.sleep(interval);
                }
                stats.sent();
                label = pingOnce(client, seq, stats, out).orElse(label);
            }
        }
        out.print(stats.summary(label));
        out.flush();
        return stats.anyReceived() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** One ping; returns the peer's short ID if it answered. Fails on anything but a lost reply. */
    private Optional<String> pingOnce(ControlClient client, int seq, PingStats stats, PrintWriter out)
            throws IOException {
        try {
            PingResponse reply = client.ping(new PingRequest(peer));
            stats.received(reply.rttMs());
            String shortId = PeersTable.shortId(reply.peer());
            out.printf(
                    "Reply from %s (%s): seq=%d time=%s%n", shortId, reply.name(), seq, PeersTable.rtt(reply.rttMs()));
            out.flush();
            return Optional.of(shortId);
        } catch (ApiException e) {
            if (e.status() != NO_REPLY) {
                throw e;
            }
            out.printf("No reply: seq=%d %s%n", seq, e.getMessage());
            out.flush();
            return Optional.empty();
        }
    }
}
