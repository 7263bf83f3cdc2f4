package dev.peernet.transfer;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Waiting for transfers, and looking for part files, in the transfer tests. */
final class TransferTestSupport {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private TransferTestSupport() {}

    static TransferStatus status(Transfers transfers, String id) {
        try {
            return transfers.status(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) until transfer {@code id} is in a final state, and returns it. */
    static TransferStatus awaitFinal(Transfers transfers, String id) {
        return awaitStatus(transfers, id, s -> s.state().isFinal());
    }

    static TransferStatus awaitStatus(Transfers transfers, String id, Predicate<TransferStatus> condition) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> condition.test(status(transfers, id)));
        return status(transfers, id);
    }

    /** Every part file under {@code dir}. */
    static List<Path> partFiles(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(PartFile.SUFFIX))
                    .toList();
        }
    }
}
