package dev.peernet.testkit;

import static dev.peernet.testkit.TestPeers.peer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LinkPairTest {
    private final FakeScheduler time = new FakeScheduler();

    private LinkPair link(LinkPolicy policy) {
        return LinkPair.create(peer(1), peer(2), policy, time);
    }

    private static <T> Future<T> async(Callable<T> task) {
        var future = new FutureTask<>(task);
        Thread.ofVirtual().start(future);
        return future;
    }

    private static String readString(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), UTF_8);
    }

    @Test
    void eachEndKnowsThePeerAtTheOtherEnd() {
        LinkPair link = LinkPair.between(peer(1), peer(2));

        assertThat(link.dialler().remotePeer()).isEqualTo(peer(2));
        assertThat(link.acceptor().remotePeer()).isEqualTo(peer(1));
        assertThat(link.dialler().remoteHost()).isEqualTo(peer(2).shortForm());
    }

    @Test
    void bytesCrossInBothDirections() throws IOException {
        LinkPair link = link(LinkPolicy.NONE);

        link.dialler().output().write("ping".getBytes(UTF_8));
        link.acceptor().output().write("pong".getBytes(UTF_8));

        assertThat(readString(link.acceptor().input(), 4)).isEqualTo("ping");
        assertThat(readString(link.dialler().input(), 4)).isEqualTo("pong");
    }

    @Test
    void aWriterBlocksWhenTheBufferIsFullAndResumesAsTheReaderDrains() throws Exception {
        LinkPair link = link(LinkPolicy.NONE);
        AtomicLong written = new AtomicLong();
        Future<?> writer = async(() -> {
            byte[] chunk = new byte[1024];
            for (int i = 0; i < LinkPair.BUFFER_BYTES / 1024 + 1; i++) {
                link.dialler().output().write(chunk);
                written.addAndGet(chunk.length);
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> written.get() == LinkPair.BUFFER_BYTES);
        assertThat(writer.isDone()).isFalse();

        link.acceptor().input().readNBytes(1024);
        writer.get(5, TimeUnit.SECONDS);
        assertThat(written.get()).isEqualTo(LinkPair.BUFFER_BYTES + 1024L);
    }

    @Test
    void afterOneEndClosesTheOtherReadsWhatWasSentThenEndOfStreamAndItsWritesFail() throws IOException {
        LinkPair link = link(LinkPolicy.NONE);
        link.dialler().output().write("last words".getBytes(UTF_8));

        link.dialler().close();

        assertThat(link.acceptor().input().readAllBytes()).asString(UTF_8).isEqualTo("last words");
        assertThatThrownBy(() -> link.acceptor().output().write(1))
                .isInstanceOf(IOException.class)
                .hasMessage("the peer closed the link");
    }

    @Test
    void closingAnEndFailsItsOwnBlockedRead() throws Exception {
        LinkPair link = link(LinkPolicy.NONE);
        Future<Integer> read = async(() -> link.dialler().input().read());

        link.dialler().close();

        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(IOException.class)
                .hasMessage("the link is closed");
    }

    @Test
    void aDelayedLinkDeliversEachWriteExactlyItsLatencyLater() throws IOException {
        LinkPair link = link(LinkPolicy.delay(Duration.ofMillis(50)));

        link.dialler().output().write("abc".getBytes(UTF_8));
        time.advance(Duration.ofMillis(49));
        assertThat(link.acceptor().input().available()).isZero();

        time.advance(Duration.ofMillis(1));
        assertThat(link.acceptor().input().available()).isEqualTo(3);
        assertThat(readString(link.acceptor().input(), 3)).isEqualTo("abc");
    }

    @Test
    void aDelayedLinkKeepsTheOrderOfWrites() throws IOException {
        LinkPair link = link(LinkPolicy.delay(Duration.ofMillis(10)));

        link.dialler().output().write("one,".getBytes(UTF_8));
        time.advance(Duration.ofMillis(5));
        link.dialler().output().write("two".getBytes(UTF_8));
        link.dialler().close();
        time.advance(Duration.ofMillis(10));

        assertThat(link.acceptor().input().readAllBytes()).asString(UTF_8).isEqualTo("one,two");
    }

    @Test
    void aDropAfterLinkCarriesExactlyThatManyBytesThenFailsBothEnds() throws IOException {
        LinkPair link = link(LinkPolicy.dropAfter(10));

        link.dialler().output().write("012345".getBytes(UTF_8));
        assertThatThrownBy(() -> link.dialler().output().write("6789AB".getBytes(UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("the link was cut after 10 bytes (LinkPolicy DROP_AFTER)");

        assertThat(readString(link.acceptor().input(), 10)).isEqualTo("0123456789");
        assertThatThrownBy(() -> link.acceptor().input().read()).hasMessageContaining("cut after 10 bytes");
        assertThatThrownBy(() -> link.acceptor().output().write(1)).hasMessageContaining("cut after 10 bytes");
    }

    @Test
    void bothDirectionsCountTowardsTheDropAfterBudget() throws IOException {
        LinkPair link = link(LinkPolicy.dropAfter(4));

        link.dialler().output().write("ab".getBytes(UTF_8));
        link.acceptor().output().write("cd".getBytes(UTF_8));

        assertThatThrownBy(() -> link.dialler().output().write(1)).hasMessageContaining("cut after 4 bytes");
    }

    @Test
    void aPartitionHoldsBytesUntilHealedThenDeliversThemInOrder() throws Exception {
        LinkPair link = link(LinkPolicy.NONE);
        link.partition();
        link.dialler().output().write("held".getBytes(UTF_8));
        Future<String> read = async(() -> readString(link.acceptor().input(), 4));

        assertThat(link.acceptor().input().available()).isZero();
        assertThat(read.isDone()).isFalse();

        link.heal();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("held");
    }

    @Test
    void aStalledLinkNeverDeliversAndCannotBeHealed() throws Exception {
        LinkPair link = link(LinkPolicy.STALL);
        link.dialler().output().write(1);
        Future<Integer> read = async(() -> link.acceptor().input().read());

        assertThatThrownBy(() -> read.get(100, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThatThrownBy(link::heal).isInstanceOf(IllegalStateException.class);

        link.acceptor().close();
        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void failHandshakeIsRefusedOutsideANetwork() {
        assertThatThrownBy(() -> link(LinkPolicy.FAIL_HANDSHAKE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InMemoryNetwork");
    }
}
