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
    /** How often the daemon is asked: smooth enough for a bar, cheap for the daemon. */
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * How soon it is asked at first, and when the end is due: a small file is done in tens of
     * milliseconds, and a {@code get}'s time (issue 4) is until this command sees the end.
     */
    private static final Duration SOON = Duration.ofMillis(10);

    /** Plain lines at most this often, so a log of a long transfer stays readable. */
    private static final Duration LINE_EVERY = Duration.ofSeconds(1);

    private TransferProgress() {}

    /** Whether this process writes to a terminal, where a bar makes sense. */
    @SuppressWarnings("SystemConsoleNull") // it is null when the JDK is told to have no console
    static boolean onTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Polls the transfer until it has finished, failed or been cancelled, and returns its last state. */
    static TransferResponse follow(ControlClient client, TransferResponse first, PrintWriter out, boolean terminal)
            throws IOException, InterruptedException {
        return terminal ? withBar(client, first) : withLines(client, first, out);
    }

    private static TransferResponse withLines(ControlClient client, TransferResponse first, PrintWriter out)
            throws IOException, InterruptedException {
        TransferResponse now = first;
        long since = System.nanoTime();
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
            Thread.sleep(pollMillis(now, (System.nanoTime() - since) / 1_000_000));
            now = client.transfer(now.id());
        }
        return now;
    }

    /**
     * How long to wait before asking again, {@code elapsedMillis} after following began: a quarter
     * of that, from {@link #SOON} up to {@link #POLL}, and no later than the end the current rate
     * points to; {@link #SOON} once every byte is there and only the last steps are left.
     */
    static long pollMillis(TransferResponse now, long elapsedMillis) {
        long wait = Math.clamp(elapsedMillis / 4, SOON.toMillis(), POLL.toMillis());
        long left = now.bytesTotal() - now.bytesDone();
        if (left <= 0 && now.bytesTotal() > 0) {
            return SOON.toMillis();
        }
        if (now.bytesPerSecond() > 0) {
            long due = (long) Math.ceil(left * 1000.0 / now.bytesPerSecond());
            wait = Math.min(wait, Math.max(SOON.toMillis(), due));
        }
        return wait;
    }

    private static TransferResponse withBar(ControlClient client, TransferResponse first)
            throws IOException, InterruptedException {
        TransferResponse now = first;
        long since = System.nanoTime();
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
                Thread.sleep(pollMillis(now, (System.nanoTime() - since) / 1_000_000));
                now = client.transfer(now.id());
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
