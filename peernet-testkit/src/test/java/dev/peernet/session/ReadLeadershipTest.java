package dev.peernet.session;

import static dev.peernet.session.SessionPair.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.testkit.FakeScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which thread reads the connection (ADR 0002): the consumer that wants the bytes, even when a
 * handler waiting for a rare message took the lead first.
 */
@Timeout(60)
class ReadLeadershipTest {
    private static final String QUIET = "/test/quiet/1";
    private static final String BULK = "/test/bulk/1";
    private static final int BULK_BYTES = 8 << 20;
    private static final int WRITE = 64 * 1024;

    private final FakeScheduler time = new FakeScheduler();
    private final CountDownLatch bulkRead = new CountDownLatch(1);
    private SessionPair pair;

    @AfterEach
    void closeSessions() {
        bulkRead.countDown();
        if (pair != null) {
            pair.close();
        }
    }

    /** Says nothing until the bulk stream was read, then one byte. */
    private void quiet(Stream stream) throws IOException {
        try {
            bulkRead.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        stream.output().write(42);
        stream.output().flush();
    }

    private static void bulk(Stream stream) throws IOException {
        byte[] block = new byte[WRITE];
        try (OutputStream out = stream.output()) {
            for (int sent = 0; sent < BULK_BYTES; sent += WRITE) {
                out.write(block);
            }
        }
    }

    @Test
    void aHandlerWaitingForARareMessageHandsTheLeadToTheStreamWhoseBytesArrive() throws Exception {
        pair = SessionPair.establish(
                time, serving(Map.of()), serving(Map.of(QUIET, this::quiet, BULK, ReadLeadershipTest::bulk)));
        Stream quiet = pair.dialler.openStream(QUIET);
        CompletableFuture<Integer> message = readOneByteOnAPlatformThread(quiet);
        ReadLeadership leadership = ((MuxSession) pair.dialler).leadership();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            sendAFrameToTheDialler(); // the reader thread hands over the lead between frames
            return leadership.consumerLeading();
        });

        MuxStream bulk = (MuxStream) pair.dialler.openStream(BULK);
        long read = readToEnd(bulk.input());
        bulkRead.countDown();

        assertThat(read).isEqualTo(BULK_BYTES);
        assertThat(bulk.directBytes())
                .as("bytes the bulk consumer read itself, straight into its buffer")
                .isGreaterThan(BULK_BYTES / 2);
        assertThat(message.get(10, TimeUnit.SECONDS))
                .as("the handler that stepped down still gets its message")
                .isEqualTo(42);
    }

    /** The acceptor's refusal of an unknown protocol: one frame, for the dialler's reader to read. */
    private void sendAFrameToTheDialler() {
        try {
            pair.dialler.openStream("/nobody/serves/1").close();
        } catch (IOException expected) {
            // refused, as asked
        }
    }

    private static CompletableFuture<Integer> readOneByteOnAPlatformThread(Stream stream) {
        CompletableFuture<Integer> got = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                got.complete(stream.input().read());
            } catch (IOException | RuntimeException e) {
                got.completeExceptionally(e);
            }
        });
        return got;
    }

    private static long readToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[WRITE];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }
}
