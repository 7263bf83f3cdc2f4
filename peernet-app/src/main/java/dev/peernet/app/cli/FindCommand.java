package dev.peernet.app.cli;

import dev.peernet.app.api.HitResponse;
import dev.peernet.app.api.Json;
import dev.peernet.app.client.ControlClient;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet find PATTERN [--hash H]}: asks every online member; results print as they arrive. */
@Command(
        name = "find",
        mixinStandardHelpOptions = true,
        description = {
            "Search every online member's shares. PATTERN is a case-insensitive glob ('*', '?')"
                    + " on the whole path, or on the file's name if it has no '/'; without '*' or '?' it"
                    + " matches paths containing it. Results print as they arrive."
        })
final class FindCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATTERN", description = "What to look for in paths ('' for everything).")
    String pattern;

    @Option(names = "--hash", paramLabel = "H", description = "Only files with this content hash (hex).")
    String hash;

    @Option(names = "--json", description = "Print one JSON object per line instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        checkHash();
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong count = new AtomicLong();
        try (ControlClient client = parent.client()) {
            client.find(pattern, hash, hit -> {
                out.println(json ? Json.compact(hit) : line(hit));
                out.flush();
                count.incrementAndGet();
            });
        }
        if (!json) {
            out.println(
                    count.get() == 0
                            ? "No member has a match."
                            : count.get() == 1 ? "1 match." : count.get() + " matches.");
        }
        return ExitCodes.OK;
    }

    private static String line(HitResponse hit) {
        String who =
                hit.peerName() == null || hit.peerName().isEmpty() ? PeersTable.shortId(hit.peer()) : hit.peerName();
        return who + ":" + hit.share() + "/" + hit.path() + "  " + ShareText.bytes(hit.size());
    }

    private void checkHash() {
        if (hash == null) {
            return;
        }
        try {
            if (HexFormat.of().parseHex(hash).length != 32) {
                throw new IllegalArgumentException("wrong length");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--hash takes a content hash of 64 hex digits, as 'peernet ls --json' shows it");
        }
    }
}
