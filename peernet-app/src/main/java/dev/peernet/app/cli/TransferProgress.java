package dev.peernet.app.cli;

import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a transfer until it ends: a progress bar with rate and ETA on a terminal, plain lines
 * (at most one a second, only when something changed) otherwise.
 */
final class TransferProgress {
    /**
     * How often the daemon is asked: smooth enough for a bar, cheap for the daemon. Each ask waits
     * up to this long on the daemon and returns as soon as the transfer ends.
     */
    private static final Duration POLL = Duration.ofMillis(200);

    /** Plain lines at most this often, so a log of a long transfer stays readable. */
    private static final Duration LINE_EVERY = Duration.ofSeconds(1);

    private TransferProgress() {}

    /** Whether this process writes to a terminal, where a bar makes sense. */
    @SuppressWarnings("SystemConsoleNull") // it is null when the JDK is told to have no console
    static boolean onTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Follows the transfer until it has finished, failed or been cancelled, and returns its last state. */
    static TransferResponse follow(ControlClient client, TransferResponse first, PrintWriter out, boolean terminal)
            throws IOException, InterruptedException {
        return terminal ? withBar(client, first) : withLines(client, first, out);
    }

    private static TransferResponse withLines(ControlClient client, TransferResponse first, PrintWriter out)
            throws IOException, InterruptedException {
        TransferResponse now = first;
        String last = "";
        long lastAt = 0;
        while (!now.finishedOrFailed()) {
            String line = TransferText.progressLine(now);
            long at = System.nanoTime();
            if (!line.equals(last) && at - lastAt >= LINE_EVERY.toNanos()) {
                out.println(line);
                out.flush();
                last = line;
                lastAt = at;
            }
            now = client.transfer(now.id(), POLL);
        }
        return now;
    }

    private static TransferResponse withBar(ControlClient client, TransferResponse first)
            throws IOException, InterruptedException {
        TransferResponse now = first;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(first.label())
                .setInitialMax(Math.max(1, first.bytesTotal()))
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis((int) POLL.toMillis())
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()) {
            while (!now.finishedOrFailed()) {
                bar.maxHint(Math.max(1, now.bytesTotal()));
                bar.stepTo(now.bytesDone());
                bar.setExtraMessage(extra(now));
                now = client.transfer(now.id(), POLL);
            }
            bar.stepTo(now.bytesDone());
            bar.setExtraMessage(extra(now));
        }
        return now;
    }

    private static String extra(TransferResponse t) {
        String sources = TransferText.sources(t) + (t.sources().size() == 1 ? " source" : " sources");
        return " " + ("running".equals(t.state()) ? sources : sources + ", " + t.state());
    }
}
