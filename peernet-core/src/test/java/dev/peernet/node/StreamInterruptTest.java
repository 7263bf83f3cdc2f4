package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.session.Stream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Threads blocked reading a stream: interrupted, or the stream closed under them. */
@Timeout(60)
class StreamInterruptTest {
    private static final String TRICKLE = "/peernet/test/trickle/1";
    private final TestNodes nodes;

    StreamInterruptTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @ParameterizedTest(name = "{0} thread")
    @ValueSource(booleans = {true, false})
    void interruptingAThreadBlockedOnAStreamReadLeavesTheConnectionUp(boolean virtual) throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");
        CountDownLatch more = new CountDownLatch(1);
        b.serve(TRICKLE, stream -> {
            trickle(stream.output());
            await(more);
            stream.output().write(99);
            stream.output().close();
        });
        a.connect(TestNodes.addressOf(b), Optional.of(b.id()));
        Stream trickle = a.openStream(b.id(), TRICKLE);

        CompletableFuture<Integer> blocked = new CompletableFuture<>();
        Thread.Builder threads =
                virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        Thread reader = threads.start(() -> {
            try {
                readTrickle(trickle);
                blocked.complete(trickle.input().read());
            } catch (Exception e) {
                blocked.completeExceptionally(e);
            }
        });
        Thread.sleep(500);
        reader.interrupt();
        Thread.sleep(200);

        assertThat(a.ping(b.id())).as("ping after the interrupt").isLessThan(Duration.ofSeconds(1));
        more.countDown();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).as("the read resumes").isEqualTo(99);
    }

    @Test
    void closingAStreamWakesTheThreadBlockedReadingItAtOnce() throws Exception {
        // Keepalives 30 s apart: nothing but the close itself may wake the reader.
        var slow = new NodeConfig.Timeouts(
                Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ZERO, Duration.ofSeconds(3));
        Node a = nodes.start("alpha", c -> c.timeouts(slow));
        Node b = nodes.start("beta", c -> c.timeouts(slow));
        CountDownLatch done = new CountDownLatch(1);
        b.serve(TRICKLE, stream -> {
            trickle(stream.output());
            await(done);
        });
        a.connect(TestNodes.addressOf(b), Optional.of(b.id()));
        Stream trickle = a.openStream(b.id(), TRICKLE);

        CompletableFuture<Integer> blocked = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                readTrickle(trickle);
                blocked.complete(trickle.input().read());
            } catch (Exception e) {
                blocked.completeExceptionally(e);
            }
        });
        Thread.sleep(300);
        trickle.close();

        assertThat(blocked.get(5, TimeUnit.SECONDS)).as("the blocked read ends").isEqualTo(-1);
        done.countDown();
    }

    /**
     * Five bytes 50 ms apart. A platform thread reading them ends up reading the connection itself
     * (see ReadLeadership): the case where a wake-up has to reach a thread blocked in a socket read.
     */
    private static void trickle(OutputStream out) throws java.io.IOException {
        for (int i = 0; i < 5; i++) {
            out.write(i);
            sleep(50);
        }
    }

    private static void readTrickle(Stream stream) throws java.io.IOException {
        for (int i = 0; i < 5; i++) {
            stream.input().read();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
