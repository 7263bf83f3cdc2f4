package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.session.Stream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StreamFairnessTest {
    private static final String SINK = "/peernet/test/sink/1";
    private final TestNodes nodes;

    StreamFairnessTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void pingStaysFastWhileABulkStreamSaturatesTheConnection() throws Exception {
        Node a = nodes.start("alpha");
        Node b = nodes.start("beta");
        AtomicLong received = new AtomicLong();
        b.serve(SINK, stream -> drain(stream.input(), received));
        a.connect(TestNodes.addressOf(b), Optional.of(b.id()));

        AtomicBoolean stop = new AtomicBoolean();
        Stream bulk = a.openStream(b.id(), SINK);
        Thread sender = Thread.ofVirtual().start(() -> flood(bulk.output(), stop));
        try {
            awaitBytes(received, 64L << 20);
            long before = received.get();
            List<Duration> rtts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                rtts.add(a.ping(b.id()));
            }
            long during = received.get() - before;

            rtts.sort(Comparator.naturalOrder());
            assertThat(during).as("bulk bytes moved while pinging").isGreaterThan(1L << 20);
            assertThat(rtts.get(rtts.size() / 2)).as("median ping RTT").isLessThan(Duration.ofMillis(50));
            assertThat(rtts.getLast()).as("worst ping RTT").isLessThan(Duration.ofMillis(250));
        } finally {
            stop.set(true);
            sender.join(Duration.ofSeconds(10));
            bulk.close();
        }
    }

    private static void drain(InputStream in, AtomicLong counter) throws java.io.IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            counter.addAndGet(n);
        }
    }

    private static void flood(OutputStream out, AtomicBoolean stop) {
        byte[] chunk = new byte[64 * 1024];
        try {
            while (!stop.get()) {
                out.write(chunk);
            }
            out.close();
        } catch (java.io.IOException e) {
            // the stream was closed under us at the end of the test
        }
    }

    private static void awaitBytes(AtomicLong counter, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (counter.get() < bytes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(counter.get()).as("bulk stream got going").isGreaterThanOrEqualTo(bytes);
    }
}
