package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9 of the fetching process, then a resume in this one. */
@Timeout(60)
class KillResumeTest {
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 24;

    @TempDir
    Path dir;

    @Test
    void aFetchKilledWithSigkillResumesFromTheChunksItHadWritten() throws Exception {
        byte[] data = TestFiles.bytes(CHUNKS * CHUNK, 7);
        Path shared = TestFiles.write(dir.resolve("a/big.bin"), data).getParent();
        Path db = dir.resolve("transfers.db");
        Path dest = dir.resolve("got.bin");

        long written = runAndKill(db, shared, dest, 8L * CHUNK);

        assertThat(written).isGreaterThanOrEqualTo(6L * CHUNK).isLessThan(data.length);
        assertThat(dest).doesNotExist();
        FakeChunkNetwork network = new FakeChunkNetwork();
        FakeMember alpha = network.member(1, "music", shared);
        try (Transfers transfers = Transfers.open(db, network, TransferOptions.defaults())) {
            transfers.resumeAll();
            String id = transfers.list().get(0).id();
            TransferStatus done = awaitFinal(transfers, id);

            assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
            assertThat(Files.readAllBytes(dest)).isEqualTo(data);
            assertThat((long) alpha.served().size() * CHUNK).isLessThanOrEqualTo(data.length - written);
        }
    }

    /** Runs {@link FetchProcess} until it reports at least six chunks written, then kills it; returns what it reported. */
    private static long runAndKill(Path db, Path shared, Path dest, long rate) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FetchProcess.class.getName(),
                        db.toString(),
                        shared.toString(),
                        dest.toString(),
                        Long.toString(rate)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long written = 0;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                written = Long.parseLong(line.substring("done ".length()));
                if (written >= 6L * CHUNK) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
                    break;
                }
            }
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return written;
        } finally {
            p.destroyForcibly();
        }
    }
}
