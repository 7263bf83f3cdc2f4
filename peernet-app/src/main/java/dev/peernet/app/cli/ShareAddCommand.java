package dev.peernet.app.cli;

import dev.peernet.app.api.ShareAddRequest;
import dev.peernet.app.api.ShareResponse;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet share add PATH}: shares a folder and shows its first scan until it is done. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Share a folder (read-only unless --writable) with every member or some.")
final class ShareAddCommand implements Callable<Integer> {
    /** Often enough to look alive, rarely enough that a log of it stays short. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    @ParentCommand
    ShareCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The folder to share.")
    Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "The share's name (default: the folder's name).")
    String name;

    @Option(
            names = "--to",
            paramLabel = "all|PEER",
            split = ",",
            description = "Who may see it: all (the default), or members by ID, short ID or name.")
    List<String> to = List.of();

    @Option(names = "--writable", description = "Let members write to it.")
    boolean writable;

    @Option(names = "--no-wait", description = "Return at once instead of showing the first scan.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        Path folder = folder();
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = parent.parent.client()) {
            ShareResponse share =
                    client.addShare(new ShareAddRequest(folder.toString(), name, to.isEmpty() ? null : to, writable));
            out.printf(
                    "Sharing %s as '%s', %s, to %s.%n",
                    share.path(), share.name(), ShareText.access(share), ShareText.audience(share));
            out.flush();
            if (!noWait) {
                follow(client, share, out);
            }
        }
        return ExitCodes.OK;
    }

    /** Checked here, on the daemon's machine, so that a slip is a usage error; the node checks again. */
    private Path folder() {
        Path folder = path.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw new ParameterException(spec.commandLine(), "There is nothing at " + folder + " to share");
        }
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(
                    spec.commandLine(), folder + " is not a directory; share the folder that holds it");
        }
        return folder;
    }

    /** Plain progress lines, one a second at most and only when something changed, until the scan ends. */
    private static void follow(ControlClient client, ShareResponse added, PrintWriter out)
            throws IOException, InterruptedException {
        ShareResponse now = added;
        String last = "";
        while (now.scanning() || (now.scannedAt() == null && now.scanError() == null)) {
            String line =
                    "Indexed " + ShareText.files(now.files()) + ", " + ShareText.bytes(now.bytes()) + " so far...";
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
            now = current(client, added.name());
        }
        if (now.scanError() != null) {
            throw new IOException("The first scan of '" + now.name() + "' failed: " + now.scanError());
        }
        out.printf("Indexed %s, %s.%n", ShareText.files(now.files()), ShareText.bytes(now.bytes()));
    }

    private static ShareResponse current(ControlClient client, String name) throws IOException {
        return client.shares().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IOException("The share '" + name + "' was removed during its first scan."));
    }
}
