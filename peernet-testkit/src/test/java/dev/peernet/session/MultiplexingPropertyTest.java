package dev.peernet.session;

import static dev.peernet.session.SessionPair.async;
import static dev.peernet.session.SessionPair.get;
import static dev.peernet.session.SessionPair.serving;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.testkit.FakeScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Up to eight streams, each writing its own bytes in its own chunk sizes at the same time, all arrive
 * intact and in order: the multiplexer never mixes, drops or reorders bytes, whatever the interleaving
 * and however often flow control stops a writer (payloads exceed the 64 KiB window), and whatever
 * sizes the readers read in.
 */
class MultiplexingPropertyTest {
    private static final String SINK = "/test/sink/1";

    /**
     * What one stream sends: {@code length} seeded random bytes, written in {@code writes} chunks whose
     * boundaries are drawn from the same seed (some chunks may be empty).
     */
    record Plan(int length, int writes, long seed) {
        byte[] bytes() {
            byte[] b = new byte[length];
            new SplittableRandom(seed).nextBytes(b);
            return b;
        }

        int[] boundaries() {
            var random = new SplittableRandom(~seed);
            int[] cuts = IntStream.range(0, writes - 1)
                    .map(i -> random.nextInt(length + 1))
                    .sorted()
                    .toArray();
            return IntStream.concat(IntStream.concat(IntStream.of(0), IntStream.of(cuts)), IntStream.of(length))
                    .toArray();
        }
    }

    @Property(tries = 200)
    void concurrentStreamsEachArriveIntactAndInOrder(@ForAll("plans") List<Plan> plans) throws Exception {
        List<CompletableFuture<byte[]>> received = new ArrayList<>();
        plans.forEach(p -> received.add(new CompletableFuture<>()));
        StreamHandler sink = stream -> {
            int index = stream.input().read();
            received.get(index)
                    .complete(readInRandomSizes(stream.input(), plans.get(index).seed()));
        };

        try (var pair = SessionPair.establish(new FakeScheduler(), serving(Map.of()), serving(Map.of(SINK, sink)))) {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                writers.add(send(pair.dialler, i, plans.get(i)));
            }
            for (Future<?> w : writers) {
                get(w);
            }
            for (int i = 0; i < plans.size(); i++) {
                assertThat(received.get(i).get(10, TimeUnit.SECONDS))
                        .as("stream %d of %d", i, plans.size())
                        .isEqualTo(plans.get(i).bytes());
            }
        }
    }

    /**
     * Reads to the end in reads of random sizes, smaller and larger than a frame: a reader that
     * leads the connection gets part of a frame straight into its buffer and the rest buffered.
     */
    private static byte[] readInRandomSizes(InputStream in, long seed) throws IOException {
        var random = new SplittableRandom(seed ^ 0x5eed);
        var all = new ByteArrayOutputStream();
        byte[] buffer = new byte[100_000];
        int n;
        while ((n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static Future<?> send(Session session, int index, Plan plan) {
        return async(() -> {
            byte[] bytes = plan.bytes();
            int[] at = plan.boundaries();
            try (Stream stream = session.openStream(SINK)) {
                stream.output().write(index);
                for (int i = 0; i + 1 < at.length; i++) {
                    stream.output().write(bytes, at[i], at[i + 1] - at[i]);
                }
                stream.output().close();
                stream.input().readAllBytes(); // the handler's end of stream: it has read everything
            }
            return null;
        });
    }

    @Provide
    Arbitrary<List<Plan>> plans() {
        Arbitrary<Plan> plan = Combinators.combine(
                        Arbitraries.integers().between(0, 150_000),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.longs())
                .as(Plan::new);
        return plan.list().ofMinSize(1).ofMaxSize(8);
    }
}
