package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.send.AcceptPolicy;
import dev.peernet.send.OfferStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many offers a node holds for one member, how long one waits for a decision, and how its
 * sender learns of an accept.
 */
@Timeout(90)
class OfferLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestNodes nodes;
    private final MovableClock clock = new MovableClock();

    @TempDir
    Path dir;

    OfferLimitsTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aMemberWithAHundredUndecidedOffersHasTheNextRefusedWhileAnotherMemberStillOffersAndADeclineMakesRoom()
            throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node flooder = nodes.start("flooder", this::asking);
        Node other = nodes.start("other", this::asking);
        Path file = write(dir, "note.txt", "a small note");
        connect(flooder, receiver);
        connect(other, receiver);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            sent.add(send(flooder, receiver, file).id());
        }
        List<OfferStatus> answered =
                sent.stream().map(id -> answered(flooder, id)).toList();

        assertThat(answered)
                .filteredOn(o -> o.state() == OfferStatus.State.PENDING)
                .hasSize(100);
        assertThat(answered)
                .filteredOn(o -> o.state() == OfferStatus.State.REFUSED)
                .singleElement()
                .satisfies(o -> assertThat(o.message())
                        .contains("This node already holds 100 unfinished offers from you; send again once some are"
                                + " accepted, declined or done."));
        assertThat(answered(other, send(other, receiver, file).id()).state()).isEqualTo(OfferStatus.State.PENDING);

        String first = answered.stream()
                .filter(o -> o.state() == OfferStatus.State.PENDING)
                .findFirst()
                .orElseThrow()
                .id();
        receiver.sends().decline(first);
        assertThat(answered(flooder, send(flooder, receiver, file).id()).state())
                .isEqualTo(OfferStatus.State.PENDING);
    }

    @Test
    void anOfferNobodyDecidesOnForAWeekIsDeclinedAndItsSenderHearsSo() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        String id = pendingOffer(sender, receiver);

        clock.advance(Duration.ofDays(6));
        assertThat(receiver.sends().expire()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(receiver.sends().expire()).isEqualTo(1);

        assertThat(receiver.sends().status(id).orElseThrow().state()).isEqualTo(OfferStatus.State.DECLINED);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sender.sends().status(id).orElseThrow())
                        .satisfies(o -> assertThat(o.state()).isEqualTo(OfferStatus.State.DECLINED))
                        .satisfies(
                                o -> assertThat(o.message()).contains("Nobody decided on the offer within 7 days.")));
        assertThat(receiver.sends().expire()).isZero();
        assertThatThrownBy(() -> receiver.sends().accept(id))
                .hasMessage("The offer " + id.substring(0, 8) + " is declined, not waiting for a decision.");
    }

    @Test
    void anOfferAcceptedOnAnAskingNodeIsListedAsAcceptedByItsSenderWhileItIsFetched() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        byte[] movie = movie(5);
        String id = slowSendAccepted(sender, receiver, movie);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sender.sends().status(id).orElseThrow())
                        .satisfies(o -> assertThat(o.state()).isEqualTo(OfferStatus.State.ACCEPTED))
                        .satisfies(o -> assertThat(o.bytesServed()).isBetween(1L, movie.length - 1L)));
        sender.sharing().uploadLimit().setBytesPerSecond(0);
        await().atMost(WAIT).until(() -> sender.sends().status(id).orElseThrow().state() == OfferStatus.State.COMPLETE);
    }

    @Test
    void aSecondOfferOfTheSameNameWhileTheFirstIsFetchedArrivesUnderANumberedName() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        byte[] movie = movie(7);
        String first = slowSendAccepted(sender, receiver, movie);

        Path other = write(java.nio.file.Files.createDirectories(dir.resolve("other")), "movie.bin", "another movie");
        String second = send(sender, receiver, other).id();
        assertThat(answered(sender, second).state()).isEqualTo(OfferStatus.State.PENDING);
        receiver.sends().accept(second);
        sender.sharing().uploadLimit().setBytesPerSecond(0);

        for (String id : List.of(first, second)) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(
                                    receiver.sends().status(id).orElseThrow().state())
                            .isEqualTo(OfferStatus.State.COMPLETE));
        }
        assertThat(dir.resolve("inbox/movie.bin")).hasBinaryContent(movie);
        assertThat(dir.resolve("inbox/movie (1).bin")).hasContent("another movie");
    }

    @Test
    void aKeptOfferComesBackAfterARestartWithinAWeekAndIsDroppedAtTheFirstStartAfterIt() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        String id = pendingOffer(sender, receiver);

        assertWaitingAfterARestartThenGone(receiver, "receiver", id, Duration.ofDays(6), Duration.ofDays(2));
    }

    @Test
    void anAcceptedOfferComesBackOnBothSidesAfterAWeekAndItsFetchEnds() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        byte[] movie = movie(6);
        String id = slowSendAccepted(sender, receiver, movie);

        receiver.close();
        sender.close();
        clock.advance(Duration.ofDays(9));
        Node back = nodes.start("sender", this::asking);
        Node receiverBack = nodes.start("receiver", this::asking);

        assertListed(back, id, OfferStatus.State.ACCEPTED);
        assertListed(receiverBack, id, OfferStatus.State.ACCEPTED);
        connect(back, receiverBack);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                receiverBack.sends().status(id).orElseThrow().state())
                        .isEqualTo(OfferStatus.State.COMPLETE));
        assertThat(dir.resolve("inbox/movie.bin")).hasBinaryContent(movie);
    }

    @Test
    void anAcceptedOfferWhoseFetchHasNotEndedInAMonthIsDroppedOnBothSidesAtTheirNextStart() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        String id = slowSendAccepted(sender, receiver, movie(8));
        receiver.close();

        Node senderBack = restartedAfter(sender, "sender", Duration.ofDays(31));
        Node receiverBack = nodes.start("receiver", this::asking);

        assertThat(senderBack.sends().status(id)).isEmpty();
        assertThat(receiverBack.sends().status(id)).isEmpty();
    }

    @Test
    void anUnansweredOfferComesBackToItsSenderForADayPastTheWeekAndNotAfter() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        String id = pendingOffer(sender, receiver);
        receiver.close();

        assertWaitingAfterARestartThenGone(
                sender, "sender", id, Duration.ofDays(7).plusHours(12), Duration.ofDays(1));
    }

    @Test
    void anOfferItsReceiverNeverAnswersIsServedADayLongerThenStopsBeingServed() throws Exception {
        Node receiver = nodes.start("receiver", this::asking);
        Node sender = nodes.start("sender", this::asking);
        String id = pendingOffer(sender, receiver);
        int servedWhileOffered = sender.sharing().offers().size();

        clock.advance(Duration.ofDays(8).minusMinutes(1));
        assertThat(sender.sends().expire())
                .as("its receiver may have accepted it unheard")
                .isZero();
        clock.advance(Duration.ofMinutes(2));

        assertThat(sender.sends().expire()).isEqualTo(1);
        assertThat(sender.sends().status(id).orElseThrow())
                .satisfies(o -> assertThat(o.state()).isEqualTo(OfferStatus.State.FAILED))
                .satisfies(o -> assertThat(o.message())
                        .hasValue(
                                "The receiver fetched nothing of the offer within 8 days, so it is no longer served."));
        assertThat(sender.sharing().offers().size()).isEqualTo(servedWhileOffered - 1);
    }

    private void asking(NodeConfig.Builder builder) {
        builder.sharing(new NodeConfig.Sharing(0, Optional.of(dir.resolve("inbox")), AcceptPolicy.ASK))
                .clock(clock);
    }

    /** Stops {@code node}, lets {@code downFor} pass, and starts it again from its kept state. */
    private Node restartedAfter(Node node, String name, Duration downFor) throws Exception {
        node.close();
        clock.advance(downFor);
        return nodes.start(name, this::asking);
    }

    /**
     * Restarted once {@code first} has passed, {@code node} lists offer {@code id} as waiting;
     * restarted again {@code then} later, not at all.
     */
    private void assertWaitingAfterARestartThenGone(Node node, String name, String id, Duration first, Duration then)
            throws Exception {
        Node back = restartedAfter(node, name, first);
        assertListed(back, id, OfferStatus.State.PENDING);
        assertThat(restartedAfter(back, name, then).sends().status(id)).isEmpty();
    }

    private static void assertListed(Node node, String id, OfferStatus.State state) {
        assertThat(node.sends().status(id))
                .hasValueSatisfying(o -> assertThat(o.state()).isEqualTo(state));
    }

    private static byte[] movie(long seed) {
        byte[] movie = new byte[4 << 20];
        new java.util.Random(seed).nextBytes(movie);
        return movie;
    }

    /**
     * {@code sender} connects to {@code receiver}, offers it {@code movie} at 256 KiB/s (16 s for
     * the whole), {@code receiver} accepts it once it waits for a decision, and its first bytes
     * are served.
     */
    private String slowSendAccepted(Node sender, Node receiver, byte[] movie) throws Exception {
        connect(sender, receiver);
        Path file = java.nio.file.Files.write(dir.resolve("movie.bin"), movie);
        sender.sharing().uploadLimit().setBytesPerSecond(256 << 10);
        String id = send(sender, receiver, file).id();
        assertThat(answered(sender, id).state()).isEqualTo(OfferStatus.State.PENDING);
        receiver.sends().accept(id);
        await().atMost(WAIT).until(() -> sender.sends().status(id).orElseThrow().bytesServed() > 0);
        return id;
    }

    /** {@code sender} connects to {@code receiver} and offers it a note, which waits for a decision. */
    private String pendingOffer(Node sender, Node receiver) throws Exception {
        connect(sender, receiver);
        String id =
                send(sender, receiver, write(dir, "note.txt", "a small note")).id();
        assertThat(answered(sender, id).state()).isEqualTo(OfferStatus.State.PENDING);
        return id;
    }

    private static OfferStatus send(Node from, Node to, Path file) {
        return from.sends().send(to.id(), Map.of(file.getFileName().toString(), file), Optional.empty(), "");
    }

    /** The offer once its receiver has answered it. */
    private static OfferStatus answered(Node sender, String id) {
        AtomicReference<OfferStatus> answered = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            OfferStatus now = sender.sends().status(id).orElseThrow();
            answered.set(now);
            return now.state() != OfferStatus.State.PREPARING;
        });
        return answered.get();
    }

    /** A wall clock the test moves on by days. */
    private static final class MovableClock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }
}
